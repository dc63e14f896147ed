export { createLogger, redact, silentLogger, REDACT_PATHS, type Logger, type LoggerOptions, type LogLevel } from './logger.js';
export { requestFields, withRequestFields, type RequestFields } from './request-context.js';
