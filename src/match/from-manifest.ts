import type { Manifest } from '../index/index.js';
import type { MatchDocument } from './match-measures.js';

/** The served documents as matching needs them; an index built before measures were read has none. */
export function matchDocumentsOf(manifest: Manifest): MatchDocument[] {
  return Object.entries(manifest.documents).map(([source, document]) => ({
    source,
    title: document.facts?.title ?? document.title,
    facts: document.facts,
    measures: document.measures ?? { place: [], areas: [], measures: [] },
  }));
}

/** Every place and 区/县 the documents cover: what the profile reader looks for first. */
export function knownPlaces(documents: MatchDocument[]): string[] {
  return [...new Set(documents.flatMap((document) => [...document.measures.place, ...document.measures.areas]))];
}
