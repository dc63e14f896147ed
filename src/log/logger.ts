/** Structured log sink; the CLI writes JSON lines to stderr so stdout stays data. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEYS = /(secret|token|key|password|authorization)/i;

/** Replaces values of secret-looking fields so logs can be shared safely. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(key) && typeof value === 'string' && value !== '') result[key] = '[redacted]';
    else if (value instanceof Error) result[key] = { name: value.name, message: value.message };
    else result[key] = value;
  }
  return result;
}

/** A JSON-lines logger writing to the given stream (stderr by default). */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...redact(fields) })}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = createLogger('silent');
