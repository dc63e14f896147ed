import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDrift } from '../../src/cli/docs-sync.js';
import { docsDrift, driftIsEmpty, hashDocsFiles } from '../../src/index/index.js';

describe('docsDrift', () => {
  it('names what was added, changed and removed, each sorted', () => {
    const drift = docsDrift({ 'a.txt': '1', 'b.txt': '2', 'z.txt': '9' }, { 'a.txt': '1', 'b.txt': '3', 'c.docx': '4' });
    expect(drift).toEqual({ added: ['c.docx'], changed: ['b.txt'], removed: ['z.txt'] });
    expect(driftIsEmpty(drift)).toBe(false);
    expect(driftIsEmpty(docsDrift({ 'a.txt': '1' }, { 'a.txt': '1' }))).toBe(true);
  });

  it('describes a drift in one line, a long list cut short', () => {
    expect(describeDrift({ added: ['c.docx'], changed: ['b.txt'], removed: [] })).toBe('新增 c.docx；修改 b.txt');
    const many = Array.from({ length: 7 }, (_, index) => `n${index}.txt`);
    expect(describeDrift({ added: many, changed: [], removed: ['old.pdf'] })).toBe(
      '新增 n0.txt、n1.txt、n2.txt、n3.txt、n4.txt 等 7 个；删除 old.pdf',
    );
  });

  it('hashes every file of the folder by its bytes, sub-folders included and hidden files left out', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-drift-'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'a.txt'), '甲');
    writeFileSync(join(root, 'sub', 'b.txt'), '乙');
    writeFileSync(join(root, '.upload-123'), 'partial');
    const hashes = await hashDocsFiles(root);
    expect(Object.keys(hashes)).toEqual(['a.txt', 'sub/b.txt']);
    expect(await hashDocsFiles(join(root, 'missing'))).toEqual({});
  });
});
