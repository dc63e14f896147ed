// One contract for both ProfileStore implementations: the JSON-lines file (one process) and PostgreSQL
// (several instances; the server when it runs, else PGlite with the same migrations).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileProfiles, postgresProfiles, type ProfileStore, type SavedProfile } from '../../src/match/index.js';
import { contractDatabase } from '../support/postgres.js';

const student: SavedProfile = {
  profile: { place: '南浔区', who: ['大学生'], industry: ['文创'], stage: '筹备' },
  savedAt: '2026-12-02T10:00:00.000Z',
};
const operator: SavedProfile = {
  profile: { place: '鹿城区', who: ['孵化器/众创空间运营机构'], industry: [] },
  savedAt: '2026-12-02T11:00:00.000Z',
};

interface Subject {
  open(): Promise<ProfileStore>;
  /** A second handle on the same data: a restart (file) or another instance (database). */
  reopen(): Promise<ProfileStore>;
  cleanup(): Promise<void>;
}

function contract(name: string, subject: () => Promise<Subject>): void {
  describe(name, () => {
    let current: Subject | undefined;
    afterAll(async () => current?.cleanup());

    it('remembers a saved profile per person, replaces it on a new save, and forgets it for good', async () => {
      current = await subject();
      const store = await current.open();
      expect(await store.get('ou_a')).toBeUndefined();
      await store.save('ou_a', student);
      await store.save('ou_b', operator);
      expect(await store.get('ou_a')).toEqual(student);
      const changed: SavedProfile = { ...student, profile: { ...student.profile, industry: ['电商'] } };
      await store.save('ou_a', changed);
      expect(await store.get('ou_a')).toEqual(changed);
      const other = await current.reopen();
      expect(await other.get('ou_a')).toEqual(changed);
      expect(await store.forget('ou_a')).toBe(true);
      expect(await store.forget('ou_a')).toBe(false);
      expect(await store.get('ou_a')).toBeUndefined();
      const later = await current.reopen();
      expect(await later.get('ou_a')).toBeUndefined();
      expect(await later.get('ou_b')).toEqual(operator);
      await Promise.all([store.close(), other.close(), later.close()]);
    });
  });
}

contract('file profiles', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  return {
    open: async () => openFileProfiles(dir),
    reopen: async () => openFileProfiles(dir),
    cleanup: async () => {
      // forgotten means gone from the disk too, not only from memory
      expect(readFileSync(join(dir, 'match-profiles.jsonl'), 'utf8')).not.toContain('ou_a');
    },
  };
});

contract('postgres profiles', async () => {
  const { database, drop } = await contractDatabase();
  return { open: async () => postgresProfiles(database), reopen: async () => postgresProfiles(database), cleanup: drop };
});
