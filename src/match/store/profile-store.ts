import { z } from 'zod';
import type { Profile } from '../profile.js';

/** A profile a person submitted through the /match form, with when it was saved. */
export interface SavedProfile {
  profile: Profile;
  savedAt: string;
}

/**
 * Profiles remembered per person (open_id), only ever written when the person submits the form, and
 * deleted on `/match forget`. One interface; a JSON-lines file for one process, PostgreSQL for several.
 */
export interface ProfileStore {
  get(openId: string): Promise<SavedProfile | undefined>;
  save(openId: string, saved: SavedProfile): Promise<void>;
  /** Deletes the profile; true when there was one. */
  forget(openId: string): Promise<boolean>;
  close(): Promise<void>;
}

const profileSchema = z.object({
  place: z.string().min(1).optional(),
  who: z.array(z.string()),
  industry: z.array(z.string()),
  stage: z.enum(['筹备', '初创', '成长']).optional(),
});

/** A stored profile as read back from a file or a jsonb column (zod at the edge). */
const savedProfileSchema = z.object({ profile: profileSchema, savedAt: z.string() });

/** The parsed profile, with absent optional parts left out (exactOptionalPropertyTypes). */
export function parseSavedProfile(value: unknown): SavedProfile | undefined {
  const parsed = savedProfileSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { place, stage, who, industry } = parsed.data.profile;
  return { profile: { ...(place ? { place } : {}), who, industry, ...(stage ? { stage } : {}) }, savedAt: parsed.data.savedAt };
}
