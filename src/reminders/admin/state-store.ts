import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../../files/index.js';
import { RemindersError } from '../errors.js';

const stamp = { at: z.string(), by: z.string().optional() };

export const stateSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().min(1),
  subscriptions: z.record(z.string(), z.object({ status: z.enum(['subscribed', 'unsubscribed']), ...stamp })),
  custom: z.array(z.object({ id: z.string(), title: z.string(), when: z.string(), chatId: z.string(), createdAt: z.string(), createdBy: z.string().optional() })),
  overrides: z.record(z.string(), z.object({ status: z.enum(['active', 'paused', 'removed']), ...stamp })),
});

/** What admins changed in chats: subscriptions, reminders added with /remind add, paused and removed entries. */
export type RemindersState = z.infer<typeof stateSchema>;
export type CustomReminder = RemindersState['custom'][number];

/** A state with nothing in it. */
export function emptyState(): RemindersState {
  return { version: 1, nextId: 1, subscriptions: {}, custom: [], overrides: {} };
}

/**
 * Where the admin state lives: a JSON file in DATA_DIR (embedded) or one row in PostgreSQL (several
 * instances). Read on every use, so a change takes effect at every instance's next tick.
 */
export interface StateStore {
  read(): Promise<RemindersState>;
  /** Read, change, write as one step (no other writer in between); returns the new state. */
  update(change: (state: RemindersState) => RemindersState): Promise<RemindersState>;
}

/** Validates a stored state; `where` names the file or table in the error. */
export function parseState(value: unknown, where: string): RemindersState {
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success) {
    throw new RemindersError('state-invalid', `${where} is not a reminders state`, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

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
