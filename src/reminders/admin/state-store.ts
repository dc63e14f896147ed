import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { RemindersError } from '../errors.js';

const stamp = { at: z.string(), by: z.string().optional() };

const stateSchema = z.object({
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

/** The admin state file in DATA_DIR; read on every use, so a change takes effect at the next tick. */
export interface StateStore {
  read(): RemindersState;
  /** Read, change, write atomically (aside, fsync, rename); returns the new state. */
  update(change: (state: RemindersState) => RemindersState): RemindersState;
}

/** The state store over a JSON file (`DATA_DIR/reminders/state.json`). */
export function createStateStore(file: string): StateStore {
  const read = (): RemindersState => {
    if (!existsSync(file)) return emptyState();
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new RemindersError('state-invalid', `${file} is not valid JSON`, [], { cause: error });
    }
    const parsed = stateSchema.safeParse(value);
    if (!parsed.success) {
      throw new RemindersError('state-invalid', `${file} is not a reminders state file`, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    }
    return parsed.data;
  };
  return {
    read,
    update(change) {
      const next = stateSchema.parse(change(read()));
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
