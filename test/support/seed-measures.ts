import { extractMeasures } from '../../src/ingest/index.js';
import type { MatchDocument } from '../../src/match/index.js';
import { parseSeed, SEED } from './seeds.js';

/** The seeds as matching sees them: facts and measures, read the way the index build reads them. */
export function seedDocuments(): MatchDocument[] {
  return Object.values(SEED).map((source) => {
    const parsed = parseSeed(source);
    return { source, title: parsed.facts.title, facts: parsed.facts, measures: extractMeasures(parsed) };
  });
}

/** Every place and 区/县 the seeds cover: what the profile reader looks for first. */
export function seedPlaces(documents: MatchDocument[]): string[] {
  return documents.flatMap((document) => [...document.measures.place, ...document.measures.areas]);
}
