export { createLogger, redact, silentLogger, type Logger, type LogLevel } from './logger.js';
