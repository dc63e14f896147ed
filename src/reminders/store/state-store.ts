import { z } from 'zod';
import { RemindersError } from '../errors.js';

const stamp = { at: z.string(), by: z.string().optional() };

export const stateSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().min(1),
  subscriptions: z.record(z.string(), z.object({ status: z.enum(['subscribed', 'unsubscribed']), ...stamp })),
  custom: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      when: z.string(),
      chatId: z.string(),
      createdAt: z.string(),
      createdBy: z.string().optional(),
    }),
  ),
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
    throw new RemindersError(
      'state-invalid',
      `${where} is not a reminders state`,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data;
}
