# policy-bot image: the bot with its embedding model; the index is built at first start (npm start).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# onnxruntime-node's install script only downloads CUDA files; the env var is its supported switch (older npm)
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN npm ci && npm cache clean --force
COPY . .
ENV NODE_ENV=production
CMD ["npm", "start"]
