import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../../files/index.js';
import { NoticesError } from '../errors.js';
import { emptyNoticesState, noticesStateSchema, parseNoticesState, type NoticesState, type NoticesStateStore } from '../notices-state.js';

function readStateFile(file: string): NoticesState {
  let value: unknown;
  try {
    value = readJsonFile(file, z.unknown());
  } catch (error) {
    throw new NoticesError('state-invalid', `${file} is not valid JSON`, { cause: error });
  }
  return value === undefined ? emptyNoticesState() : parseNoticesState(value, file);
}

/** The notices state in one JSON file, written aside, fsynced and renamed: a crash leaves the old or the new file. */
export function createFileNoticesState(file: string): NoticesStateStore {
  return {
    read: async () => readStateFile(file),
    async update(change) {
      // read, change and write with no await in between: nothing else in this process interleaves
      const next = noticesStateSchema.parse(change(readStateFile(file)));
      writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    },
  };
}
