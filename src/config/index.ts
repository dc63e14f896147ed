export { loadConfig } from './load-config.js';
export { loadEnvFile } from './env-file.js';
export { configSchema, databaseUrl, type Config } from './schema.js';
export { ConfigError } from './errors.js';
export { parseCron, type CronFields } from './cron-expression.js';
export { isTimeZone } from './time-zone.js';
export { remindersEnvironmentSchema, remindersEnvironmentShape, type RemindersEnvironment } from './reminder-environment.js';
