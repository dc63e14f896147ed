export { loadConfig } from './load-config.js';
export { loadEnvFile, type EnvFileResult } from './env-file.js';
export { configSchema, databaseUrl, type Config } from './schema.js';
export { ConfigError } from './errors.js';
