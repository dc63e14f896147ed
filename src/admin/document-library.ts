import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AdminError } from './errors.js';

/** A file in DOCS_DIR, named relative to it with `/` separators (as the index names sources). */
export interface StoredDocument {
  name: string;
  bytes: number;
  modifiedAt: number;
}

/** The documents folder as admins change it: list, store an upload, remove. */
export interface DocumentLibrary {
  readonly directory: string;
  list(): Promise<StoredDocument[]>;
  /** Writes atomically (temporary file, then rename); `replaced` when a file of that name existed. */
  store(name: string, bytes: Uint8Array): Promise<{ name: string; replaced: boolean }>;
  remove(name: string): Promise<void>;
  /** Names, sizes and times of every file: changes when anything in the folder does. */
  signature(): Promise<string>;
}

/** The absolute path of `name` inside `directory`, or an AdminError when it would leave the folder. */
export function pathInside(directory: string, name: string): string {
  const root = resolve(directory);
  const path = resolve(root, name);
  if (!path.startsWith(root + sep) || name.split(/[/\\]/).some((part) => part === '..' || part.startsWith('.'))) {
    throw new AdminError('unsafe-name', `"${name}" is not a file inside the documents folder`, { name });
  }
  return path;
}

async function walk(root: string, directory: string): Promise<StoredDocument[]> {
  const found: StoredDocument[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    // hidden files are ignored, as by the index, so uploads in progress (.upload-*) never show
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(root, path)));
    else if (entry.isFile()) {
      // removed between readdir and stat (a removal running beside a listing): not there any more
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      found.push({ name: relative(root, path).split(sep).join('/'), bytes: info.size, modifiedAt: info.mtimeMs });
    }
  }
  return found;
}

/** The library over a folder (created when missing). */
export function createDocumentLibrary(directory: string): DocumentLibrary {
  const list = async (): Promise<StoredDocument[]> => {
    await mkdir(directory, { recursive: true });
    return (await walk(resolve(directory), resolve(directory))).sort((a, b) => a.name.localeCompare(b.name));
  };
  return {
    directory,
    list,
    async store(name, bytes) {
      const path = pathInside(directory, name);
      await mkdir(directory, { recursive: true });
      const replaced = (await stat(path).catch(() => undefined))?.isFile() ?? false;
      const temporary = join(resolve(directory), `.upload-${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { name, replaced };
    },
    async remove(name) {
      const path = pathInside(directory, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new AdminError('not-found', `no document "${name}" in ${directory}`, { name });
      await rm(path);
    },
    async signature() {
      return (await list()).map((document) => `${document.name}:${document.bytes}:${document.modifiedAt}`).join('\n');
    },
  };
}
