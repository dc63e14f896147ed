import { join } from 'node:path';
import { z } from 'zod';
import { openJsonLines, readJsonLines } from '../../files/index.js';
import { parseSavedProfile, type ProfileStore, type SavedProfile } from './profile-store.js';

const lineSchema = z.object({ id: z.string(), saved: z.unknown().nullable() });

/**
 * Profiles in `DATA_DIR/match-profiles.jsonl`: one line per save (the latest per person wins). A
 * forget rewrites the file without the person, so the profile leaves the disk, not only the memory.
 */
export function openFileProfiles(dataDir: string): ProfileStore {
  const path = join(dataDir, 'match-profiles.jsonl');
  const profiles = new Map<string, SavedProfile>();
  for (const record of readJsonLines(path)) {
    const line = lineSchema.safeParse(record);
    if (!line.success) continue;
    const saved = parseSavedProfile(line.data.saved);
    if (saved) profiles.set(line.data.id, saved);
    else profiles.delete(line.data.id);
  }
  const file = openJsonLines(path);
  return {
    get: async (openId) => profiles.get(openId),
    async save(openId, saved) {
      profiles.set(openId, saved);
      await file.append({ id: openId, saved });
    },
    async forget(openId) {
      const had = profiles.delete(openId);
      if (had) await file.rewrite(() => [...profiles].map(([id, saved]) => ({ id, saved })));
      return had;
    },
    close: () => file.close(),
  };
}
