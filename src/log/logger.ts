import { pino, type DestinationStream } from 'pino';
import { prettyLine, type LogFormat } from './pretty-line.js';
import { requestFields } from './request-context.js';
import { stderrStatus } from './status-line.js';

/** Structured log sink; the CLI writes JSON lines to stderr so stdout stays data. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** Writes out buffered lines (shutdown); loggers without a buffer leave it out. */
  flush?(): Promise<void>;
}

type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const SECRET_KEYS = /(secret|token|key|password|authorization)/i;
const REDACTED = '[redacted]';
const MAX_DEPTH = 4;

/**
 * pino `redact` paths: the settings and headers that hold credentials, wherever they appear in a line's
 * fields (one level down too). The key-name rule in `redact` catches the rest.
 */
const REDACT_PATHS: readonly string[] = [
  'appSecret',
  'app_secret',
  'apiKey',
  'api_key',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'tenant_access_token',
  'access_token',
  'LARK_APP_SECRET',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'LLM_API_KEY',
  'headers.authorization',
  'headers.Authorization',
  'authorization',
  'Authorization',
  '*.appSecret',
  '*.app_secret',
  '*.apiKey',
  '*.api_key',
  '*.encryptKey',
  '*.verificationToken',
  '*.tenant_access_token',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

function redactValue(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return redactFields(value as Record<string, unknown>, depth + 1);
}

function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(key) && typeof value === 'string' && value !== '') result[key] = REDACTED;
    else result[key] = redactValue(value, depth);
  }
  return result;
}

/** Replaces values of secret-looking fields (at any depth of plain objects) so logs can be shared safely. */
function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return redactFields(fields, 0);
}

/** Options of `createLogger` beyond level and sink. */
interface LoggerOptions {
  /**
   * Secret values (app secret, API key, encrypt key …) that must never appear in a line, even inside
   * free text such as an SDK message: every occurrence is replaced before the line is written.
   */
  secrets?: readonly (string | undefined)[];
  /** `pretty`: short human lines (a terminal); `json` (default): one JSON object per line. */
  format?: LogFormat;
}

/** Replaces every occurrence of the given secrets (raw and JSON-escaped) in a finished line. */
function scrubber(secrets: readonly (string | undefined)[]): (line: string) => string {
  const needles = [...new Set(secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 4))]
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (line) => line;
  return (line) => needles.reduce((text, needle) => text.split(needle).join(REDACTED), line);
}

/**
 * A pino JSON-lines logger: `{level, time, requestId?, …fields, event}` per line, written to stderr
 * (`flush` on shutdown) or to `write` (tests capture lines with it). Secrets are
 * redacted by field name, by pino `redact` paths and by value.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  const scrubbed = scrubber(options.secrets ?? []);
  const scrub = options.format === 'pretty' ? (line: string) => prettyLine(scrubbed(line)) : scrubbed;
  const destination: DestinationStream = write ? { write: (line: string) => write(scrub(line)) } : scrubbingStderr(scrub);
  const base = pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      mixin: () => ({ ...requestFields() }),
    },
    destination,
  );
  const emit =
    (at: Exclude<LogLevel, 'silent'>) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (!base.isLevelEnabled(at)) return;
      base[at](redact(fields), event);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    flush: () =>
      new Promise<void>((resolve) => {
        base.flush(() => resolve());
      }),
  };
}

/**
 * stderr through a synchronous sonic-boom destination (nothing is lost when the process dies), each
 * line scrubbed of secret values first.
 */
function scrubbingStderr(scrub: (line: string) => string): DestinationStream & { flush(callback?: (error?: Error) => void): void } {
  const stderr = pino.destination({ dest: 2, sync: true });
  return {
    // written above a progress bar, so neither breaks the other
    write: (line: string) => stderrStatus.writeAbove(() => stderr.write(scrub(line))),
    flush: (callback) => {
      stderr.flush(callback);
    },
  };
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = createLogger('silent', () => undefined);
