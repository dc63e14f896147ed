import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/ingest/index.js';
import { createLogger } from '../../src/log/index.js';

function folder(files: Record<string, string | Buffer>): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-bot-sources-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return directory;
}

describe('loadSources', () => {
  it('skips binary and unknown files by name, reports malformed JSONL lines, and keeps the rest', async () => {
    const warnings: string[] = [];
    const logger = createLogger('warn', (line) => warnings.push(line));
    const directory = folder({
      'a.txt': '一、总体要求\n\n正文。',
      'b.md': '# 标题\n\n正文。',
      'c.bin.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]),
      'd.pdf': '%PDF-1.4',
      'f.xlsx': 'PK',
      'e.jsonl': [
        '{"id":"n1","text":"第一篇新闻。","date":"2023-01-01"}',
        '{not json',
        '{"id":"n3"}',
        '{"id":"n4","text":"第四篇。","title":"标题四"}',
      ].join('\n'),
    });
    const loaded = await loadSources(directory, logger);
    expect(loaded.documents.map((document) => document.source).sort()).toEqual(['a.txt', 'b.md', 'n1', 'n4']);
    expect(loaded.documents.find((document) => document.source === 'n4')?.title).toBe('标题四');
    expect(loaded.skipped).toEqual(
      expect.arrayContaining([
        { file: 'c.bin.txt', reason: 'binary content' },
        { file: 'd.pdf', reason: expect.stringMatching(/^unreadable PDF/) },
        { file: 'f.xlsx', reason: 'unsupported file type ".xlsx"' },
        expect.objectContaining({ file: 'e.jsonl', reason: expect.stringMatching(/^line 2: not valid JSON/) }),
        expect.objectContaining({ file: 'e.jsonl', reason: expect.stringMatching(/^line 3: text/) }),
      ]),
    );
    expect(warnings.join('')).toContain('c.bin.txt');
    expect(Object.keys(loaded.hashes)).toHaveLength(4);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(loadSources('/nonexistent/docs', createLogger('silent'))).rejects.toThrow(/DOCS_DIR is not a folder/);
  });
});
