/** How log lines are written: JSON lines for machines, short lines for people at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT=auto picks pretty on a terminal and JSON otherwise (files, pipes, log collectors). */
export function resolveLogFormat(setting: 'auto' | LogFormat, isTerminal: boolean): LogFormat {
  return setting === 'auto' ? (isTerminal ? 'pretty' : 'json') : setting;
}

const LEVEL_MARK: Record<string, string> = { debug: 'debug', info: '', warn: 'warning', error: 'error' };
const MAX_VALUE = 120;

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const shown = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
  return typeof value === 'string' && /\s/.test(shown) ? JSON.stringify(shown) : shown;
}

/**
 * One JSON log line (as pino writes it) as a short human line: `12:03:04 warning ingest.skipped file=a.pdf
 * reason="scanned PDF"`. The time is the local wall clock; anything that is not JSON passes unchanged.
 */
export function prettyLine(jsonLine: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const { level, time, event, ...fields } = record;
  const clock = typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? new Date(time).toTimeString().slice(0, 8) : '';
  const mark = LEVEL_MARK[String(level)] ?? String(level);
  const rest = Object.entries(fields).map(([key, value]) => `${key}=${valueText(value)}`);
  return `${[clock, mark, String(event ?? ''), ...rest].filter((part) => part !== '').join(' ')}\n`;
}
