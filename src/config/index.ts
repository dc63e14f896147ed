export { loadConfig } from './load-config.js';
export { configSchema, databaseUrl, type Config } from './schema.js';
export { ConfigError } from './errors.js';
