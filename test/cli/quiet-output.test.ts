import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/cli/commands/index-command.js';
import { progressBar } from '../../src/cli/progress.js';
import type { BuildSummary } from '../../src/index/index.js';
import { createLogger, createStatusLine, prettyLine, resolveLogFormat } from '../../src/log/index.js';

/** A terminal-like stream that records what is written to it. */
function fakeTerminal(): NodeJS.WriteStream & { text: string } {
  const stream = { isTTY: true, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('index summary', () => {
  it('stays short for a 2,000-document corpus: counts and a few names, full lists only with --json', () => {
    const added = Array.from({ length: 2000 }, (_, index) => `news-${index}`);
    const summary: BuildSummary = {
      buildId: 'b',
      documents: 2000,
      chunks: 2400,
      embedded: 2400,
      reused: 0,
      added,
      changed: [],
      removed: ['old.txt'],
      skipped: [],
      tables: [],
      seconds: 61.25,
    };
    const text = summaryText(summary);
    expect(text).toBe(
      'Indexed 2000 documents into 2400 chunks (2400 embedded, 0 reused) in 61.3 s.\n  added 2000: news-0, news-1, news-2, news-3, news-4 and 1995 more\n  removed 1: old.txt\n',
    );
    expect(JSON.stringify(summary).length).toBeGreaterThan(20_000);
  });
});

describe('log format', () => {
  it('auto is pretty on a terminal and JSON elsewhere; an explicit choice wins', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
  });

  it('pretty lines are short: time, level word for warnings and errors, event, fields', () => {
    const line = prettyLine(
      JSON.stringify({
        level: 'warn',
        time: '2026-12-02T05:00:00.000Z',
        event: 'ingest.skipped',
        file: 'a.pdf',
        reason: 'scanned PDF without text',
      }),
    );
    expect(line).toMatch(/^\d\d:\d\d:\d\d warning ingest\.skipped file=a\.pdf reason="scanned PDF without text"\n$/);
    expect(prettyLine(JSON.stringify({ level: 'info', time: '2026-12-02T05:00:00.000Z', event: 'index.reloaded', buildId: 'b1' }))).toMatch(
      /^\d\d:\d\d:\d\d index\.reloaded buildId=b1\n$/,
    );
  });

  it('the pretty logger still scrubs secrets', () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line), { format: 'pretty', secrets: ['sk-secret-123'] }).info('llm.failed', {
      detail: 'key sk-secret-123 refused',
    });
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toContain('sk-secret-123');
  });
});

describe('progress bar and log lines on one terminal', () => {
  it('a log line is written above the bar, which is drawn again after it', () => {
    const terminal = fakeTerminal();
    const status = createStatusLine(terminal);
    const progress = progressBar(terminal, status);
    progress('embedding', 1, 4);
    status.writeAbove(() => terminal.write('12:00:00 warning ingest.skipped file=a.pdf\n'));
    progress('embedding', 4, 4);
    const bar = 'embedding  [######..................] 1/4';
    expect(terminal.text).toBe(
      `\r\x1b[K${bar}\r\x1b[K12:00:00 warning ingest.skipped file=a.pdf\n${bar}\r\x1b[Kembedding  [########################] 4/4\n`,
    );
    // once the bar is finished, log lines are written as they are
    status.writeAbove(() => terminal.write('after\n'));
    expect(terminal.text.endsWith('4/4\nafter\n')).toBe(true);
  });
});
