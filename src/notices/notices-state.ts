import { z } from 'zod';
import { NoticesError } from './errors.js';

/**
 * What admins set in chats: which groups get new-policy cards (and which documents they already had
 * when they subscribed, so subscribing does not flood them), and which documents an admin confirmed
 * as still in force after their written period ended.
 */
export const noticesStateSchema = z.object({
  version: z.literal(1),
  subscriptions: z.record(z.string(), z.object({ at: z.string(), by: z.string(), known: z.array(z.string()) })),
  stillInForce: z.record(z.string(), z.object({ at: z.string(), by: z.string() })),
});
export type NoticesState = z.infer<typeof noticesStateSchema>;

/** A state with nothing in it. */
export function emptyNoticesState(): NoticesState {
  return { version: 1, subscriptions: {}, stillInForce: {} };
}

/** Validates a stored state; `where` names the file or table in the error. */
export function parseNoticesState(value: unknown, where: string): NoticesState {
  const parsed = noticesStateSchema.safeParse(value);
  if (!parsed.success) throw new NoticesError('state-invalid', `${where} is not a notices state: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * Where the state lives: a JSON file in DATA_DIR (embedded) or one row in PostgreSQL (several
 * instances). Read at every tick, so a change made on one instance takes effect on all.
 */
export interface NoticesStateStore {
  read(): Promise<NoticesState>;
  /** Read, change, write as one step (no other writer in between); returns the new state. */
  update(change: (state: NoticesState) => NoticesState): Promise<NoticesState>;
}
