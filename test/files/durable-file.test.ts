import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  FileFormatError,
  openDurableAppend,
  openJsonLines,
  parseJsonLines,
  readJsonFile,
  readJsonLines,
  writeFileAtomic,
  type SkippedLine,
} from '../../src/files/index.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'policy-bot-files-'));
const pointSchema = z.object({ x: z.number() });

describe('durable files', () => {
  it('replaces a file whole, creating its folder, and leaves no temporary file behind', () => {
    const file = join(folder(), 'nested', 'state.json');
    writeFileAtomic(file, '{"x":1}\n');
    writeFileAtomic(file, '{"x":2}\n', { temporary: `${file}.42.tmp` });
    expect(readFileSync(file, 'utf8')).toBe('{"x":2}\n');
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  });

  it('reads JSON through a schema: undefined when absent, a typed error when not JSON or not the shape', () => {
    const directory = folder();
    expect(readJsonFile(join(directory, 'none.json'), pointSchema)).toBeUndefined();
    writeFileSync(join(directory, 'good.json'), '{"x":3,"extra":true}');
    expect(readJsonFile(join(directory, 'good.json'), pointSchema)).toEqual({ x: 3 });
    writeFileSync(join(directory, 'torn.json'), '{"x":');
    expect(() => readJsonFile(join(directory, 'torn.json'), pointSchema)).toThrow(expect.objectContaining({ code: 'not-json' }));
    writeFileSync(join(directory, 'wrong.json'), '{"x":"three"}');
    let caught: unknown;
    try {
      readJsonFile(join(directory, 'wrong.json'), pointSchema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FileFormatError);
    expect(caught).toMatchObject({ code: 'invalid', issues: [expect.stringMatching(/^x: /)] });
  });

  it('appends text and bytes, each batch on disk before append returns', () => {
    const file = join(folder(), 'log.bin');
    const log = openDurableAppend(file);
    log.append('ab', new Uint8Array([0x63]));
    log.append('d\n');
    log.close();
    expect(readFileSync(file, 'utf8')).toBe('abcd\n');
  });

  it('parses JSON lines, reporting a torn line and a line the schema refuses, and keeps the rest', () => {
    const skipped: SkippedLine[] = [];
    const records = parseJsonLines('{"x":1}\n{"x":"no"}\n\n{"x":2}\n{"x":', pointSchema, (line) => skipped.push(line));
    expect(records).toEqual([{ x: 1 }, { x: 2 }]);
    expect(skipped).toEqual([
      { line: 2, reason: 'invalid', detail: expect.any(String) },
      { line: 5, reason: 'torn' },
    ]);
  });

  it('JSON-lines files: appends made together land together, a rewrite replaces the file, the format is one JSON per line', async () => {
    const file = join(folder(), 'log.jsonl');
    const lines = openJsonLines(file);
    await Promise.all([lines.append({ x: 1 }), lines.append({ x: 2 }), lines.append({ x: 3 })]);
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}\n{"x":2}\n{"x":3}\n');
    await lines.rewrite(() => readJsonLines(file).filter((record) => pointSchema.parse(record).x !== 2));
    await lines.append({ x: 4 });
    await lines.close();
    expect(readJsonLines(file)).toEqual([{ x: 1 }, { x: 3 }, { x: 4 }]);
  });
});
