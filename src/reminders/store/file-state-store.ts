import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../../files/index.js';
import { RemindersError } from '../errors.js';
import { emptyState, parseState, stateSchema, type RemindersState, type StateStore } from './state-store.js';

/** Reads `DATA_DIR/reminders/state.json` as it is now (empty when there is none). */
export function readStateFile(file: string): RemindersState {
  let value: unknown;
  try {
    value = readJsonFile(file, z.unknown());
  } catch (error) {
    throw new RemindersError('state-invalid', `${file} is not valid JSON`, [], { cause: error });
  }
  return value === undefined ? emptyState() : parseState(value, file);
}

/** The state store over a JSON file, written aside, fsynced and renamed, so a crash leaves the old or the new file. */
export function createStateStore(file: string): StateStore {
  return {
    read: async () => readStateFile(file),
    async update(change) {
      // read, change and write run without an await in between: nothing else in this process interleaves
      const next = stateSchema.parse(change(readStateFile(file)));
      writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    },
  };
}
