export { createLogger, redact, silentLogger, REDACT_PATHS, type Logger, type LoggerOptions, type LogLevel } from './logger.js';
export { requestFields, withRequestFields, type RequestFields } from './request-context.js';
export { prettyLine, resolveLogFormat, type LogFormat } from './pretty-line.js';
export { createStatusLine, stderrStatus, type StatusLine } from './status-line.js';
