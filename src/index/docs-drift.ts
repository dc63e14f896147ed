import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { listFiles } from '../ingest/index.js';

/** Files of DOCS_DIR (named relative to it with `/`) and the sha256 of their bytes. */
type FileHashes = Record<string, string>;

/** How DOCS_DIR differs from what an index was built from. */
export interface DocsDrift {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Hashes every file of a folder (an absent folder has none): cheap enough to run at every start. */
export async function hashDocsFiles(directory: string): Promise<FileHashes> {
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) return {};
  const hashes: FileHashes = {};
  for (const path of listFiles(directory)) {
    const name = relative(directory, path).split(sep).join('/');
    hashes[name] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return hashes;
}

/** What was added, changed and removed between the files a build recorded and the files now. */
export function docsDrift(recorded: FileHashes, current: FileHashes): DocsDrift {
  const names = Object.keys(current).sort();
  return {
    added: names.filter((name) => recorded[name] === undefined),
    changed: names.filter((name) => recorded[name] !== undefined && recorded[name] !== current[name]),
    removed: Object.keys(recorded)
      .filter((name) => current[name] === undefined)
      .sort(),
  };
}

/** True when nothing differs. */
export function driftIsEmpty(drift: DocsDrift): boolean {
  return drift.added.length + drift.changed.length + drift.removed.length === 0;
}
