import type { Database } from '../../postgres/index.js';
import { emptyNoticesState, noticesStateSchema, parseNoticesState, type NoticesStateStore } from '../notices-state.js';

const WHERE = 'the notices_state row';

/** The notices state every instance shares: one jsonb row, changed under a row lock so no admin's change is lost. */
export function createPostgresNoticesState(database: Database): NoticesStateStore {
  return {
    async read() {
      const result = await database.query<{ state: unknown }>('SELECT state FROM notices_state WHERE only_one');
      const row = result.rows[0];
      return row ? parseNoticesState(row.state, WHERE) : emptyNoticesState();
    },
    update(change) {
      return database.transaction(async (client) => {
        await client.query('INSERT INTO notices_state (only_one, state) VALUES (true, $1) ON CONFLICT (only_one) DO NOTHING', [
          JSON.stringify(emptyNoticesState()),
        ]);
        const current = await client.query<{ state: unknown }>('SELECT state FROM notices_state WHERE only_one FOR UPDATE');
        const next = noticesStateSchema.parse(change(parseNoticesState(current.rows[0]?.state, WHERE)));
        await client.query('UPDATE notices_state SET state = $1, updated_at = now() WHERE only_one', [JSON.stringify(next)]);
        return next;
      });
    },
  };
}
