export { createLogger, silentLogger, type Logger } from './logger.js';
export { requestFields, withRequestFields } from './request-context.js';
export { prettyLine, resolveLogFormat, type LogFormat } from './pretty-line.js';
export { createStatusLine, stderrStatus, type StatusLine } from './status-line.js';
