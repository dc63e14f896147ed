import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminError, checkFileContent, checkFileName, createDocumentLibrary, pathInside } from '../../src/admin/index.js';
import { makeDocx, makePdf } from '../ingest/loaders/fixtures.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof AdminError ? error.code : `not an AdminError: ${String(error)}`;
  }
}

describe('upload checks', () => {
  it('accepts plain names of the supported formats, Chinese included', () => {
    expect(checkFileName(' 关于印发某某办法的通知.PDF ')).toBe('关于印发某某办法的通知.PDF');
    for (const name of ['a.docx', 'b.txt', 'c.md', 'd.html', 'e.htm']) expect(checkFileName(name)).toBe(name);
  });

  it('refuses names that could leave the folder, hide, or carry control characters', () => {
    for (const name of [
      '../evil.txt',
      '..\\evil.txt',
      'sub/evil.txt',
      '/etc/passwd.txt',
      '.hidden.txt',
      '..',
      '',
      'a\u0000.txt',
      'a\nb.txt',
      'c:evil.txt',
      `${'长'.repeat(130)}.txt`,
    ]) {
      expect(
        codeOf(() => checkFileName(name)),
        name,
      ).toBe('unsafe-name');
    }
  });

  it('refuses formats it does not read', () => {
    for (const name of ['tool.exe', 'sheet.xlsx', 'archive.zip', 'corpus.jsonl', 'README'])
      expect(
        codeOf(() => checkFileName(name)),
        name,
      ).toBe('unsupported-type');
  });

  it('checks size and that the content is what the extension says', () => {
    const pdf = makePdf([['第一页']]);
    expect(codeOf(() => checkFileContent('a.pdf', pdf, 1_000_000))).toBeUndefined();
    expect(codeOf(() => checkFileContent('a.docx', makeDocx([{ paragraph: '正文' }]), 1_000_000))).toBeUndefined();
    expect(codeOf(() => checkFileContent('a.txt', Buffer.from('正文'), 1_000_000))).toBeUndefined();
    expect(codeOf(() => checkFileContent('a.pdf', pdf, pdf.byteLength - 1))).toBe('too-large');
    expect(codeOf(() => checkFileContent('a.txt', Buffer.alloc(0), 10))).toBe('empty-file');
    expect(codeOf(() => checkFileContent('renamed.txt', pdf, 1_000_000))).toBe('type-mismatch');
    expect(codeOf(() => checkFileContent('fake.pdf', Buffer.from('not a pdf at all'), 1_000_000))).toBe('type-mismatch');
    expect(codeOf(() => checkFileContent('program.txt', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 1_000_000))).toBe(
      'type-mismatch',
    );
  });
});

describe('document library', () => {
  it('stores atomically, lists without hidden files, replaces, and removes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'policy-bot-library-'));
    writeFileSync(join(directory, '.editor-swap'), 'x');
    const library = createDocumentLibrary(directory);
    expect(await library.store('一.txt', Buffer.from('甲'))).toEqual({ name: '一.txt', replaced: false });
    expect(await library.store('一.txt', Buffer.from('乙乙'))).toEqual({ name: '一.txt', replaced: true });
    expect((await library.list()).map(({ name, bytes }) => ({ name, bytes }))).toEqual([{ name: '一.txt', bytes: 6 }]);
    expect(readdirSync(directory).filter((name) => name.startsWith('.upload-'))).toEqual([]);
    const before = await library.signature();
    await library.remove('一.txt');
    expect(await library.signature()).not.toBe(before);
    await expect(library.remove('一.txt')).rejects.toMatchObject({ code: 'not-found' });
    await expect(library.remove('../outside.txt')).rejects.toMatchObject({ code: 'unsafe-name' });
  });

  it('resolves names only inside the folder', () => {
    expect(pathInside('/docs', 'sub/a.txt')).toBe('/docs/sub/a.txt');
    for (const name of ['../a.txt', 'sub/../../a.txt', '/etc/passwd', '.hidden'])
      expect(
        codeOf(() => pathInside('/docs', name)),
        name,
      ).toBe('unsafe-name');
  });
});
