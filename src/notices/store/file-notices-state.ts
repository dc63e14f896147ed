import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { NoticesError } from '../errors.js';
import { emptyNoticesState, noticesStateSchema, parseNoticesState, type NoticesState, type NoticesStateStore } from '../notices-state.js';

function readStateFile(file: string): NoticesState {
  if (!existsSync(file)) return emptyNoticesState();
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new NoticesError('state-invalid', `${file} is not valid JSON`, { cause: error });
  }
  return parseNoticesState(value, file);
}

/** The notices state in one JSON file, written aside, fsynced and renamed: a crash leaves the old or the new file. */
export function createFileNoticesState(file: string): NoticesStateStore {
  return {
    read: async () => readStateFile(file),
    async update(change) {
      // read, change and write with no await in between: nothing else in this process interleaves
      const next = noticesStateSchema.parse(change(readStateFile(file)));
      mkdirSync(dirname(file), { recursive: true });
      const aside = `${file}.tmp`;
      const handle = openSync(aside, 'w');
      try {
        writeSync(handle, `${JSON.stringify(next, null, 2)}\n`);
        fsyncSync(handle);
      } finally {
        closeSync(handle);
      }
      renameSync(aside, file);
      return next;
    },
  };
}
