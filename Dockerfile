# policy-bot image: the bot with its embedding model; the index is built at first start (npm start).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
RUN npm ci && npm cache clean --force
COPY . .
ENV NODE_ENV=production
CMD ["npm", "start"]
