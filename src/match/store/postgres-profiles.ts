import type { Database } from '../../postgres/index.js';
import { parseSavedProfile, type ProfileStore } from './profile-store.js';

/** Profiles shared by every instance (STORE=postgres), one row per person; table from migration 1621. */
export function postgresProfiles(database: Database): ProfileStore {
  return {
    async get(openId) {
      const result = await database.query<{ saved: unknown }>('SELECT saved FROM match_profiles WHERE open_id = $1', [openId]);
      return parseSavedProfile(result.rows[0]?.saved);
    },
    async save(openId, saved) {
      await database.query(
        'INSERT INTO match_profiles (open_id, saved, updated_at) VALUES ($1, $2, now()) ON CONFLICT (open_id) DO UPDATE SET saved = EXCLUDED.saved, updated_at = now()',
        [openId, JSON.stringify(saved)],
      );
    },
    async forget(openId) {
      const result = await database.query('DELETE FROM match_profiles WHERE open_id = $1', [openId]);
      return (result.rowCount ?? 0) > 0;
    },
    close: async () => undefined,
  };
}
