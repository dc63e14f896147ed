import type { Database, Queryable } from '../../postgres/index.js';
import { emptyState, parseState, stateSchema, type RemindersState, type StateStore } from './state-store.js';

const WHERE = 'the reminder_state row';

/**
 * The admin state every instance shares: one jsonb row, changed under a row lock, so two admins editing
 * at once on two instances both land (one after the other) and nobody's change is lost.
 */
export function createPostgresStateStore(database: Database): StateStore {
  return {
    async read() {
      const result = await database.query<{ state: unknown }>('SELECT state FROM reminder_state WHERE only_one');
      const row = result.rows[0];
      return row ? parseState(row.state, WHERE) : emptyState();
    },
    update(change) {
      return database.transaction(async (client) => {
        await insertIfNone(client, emptyState());
        const current = await client.query<{ state: unknown }>('SELECT state FROM reminder_state WHERE only_one FOR UPDATE');
        const next = stateSchema.parse(change(parseState(current.rows[0]?.state, WHERE)));
        await client.query('UPDATE reminder_state SET state = $1, updated_at = now() WHERE only_one', [JSON.stringify(next)]);
        return next;
      });
    },
  };
}

/**
 * Moves an embedded bot's state (its state.json) into PostgreSQL the first time an instance starts
 * with STORE=postgres; a database that already has a state keeps it. Returns whether it was imported.
 */
export function importState(database: Database, state: RemindersState): Promise<boolean> {
  return insertIfNone(database, state);
}

/** Stores `state` unless there is one already; true when it was stored. */
async function insertIfNone(client: Queryable, state: RemindersState): Promise<boolean> {
  const result = await client.query('INSERT INTO reminder_state (only_one, state) VALUES (true, $1) ON CONFLICT (only_one) DO NOTHING', [
    JSON.stringify(state),
  ]);
  return result.rowCount === 1;
}
