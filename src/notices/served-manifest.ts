import { withInForceMark, type InForceMark } from '../ingest/index.js';
import type { Manifest } from '../index/index.js';

/** The manifest as served: each document an admin confirmed as still in force carries the mark in its facts. */
export function withInForceMarks(manifest: Manifest, marks: ReadonlyMap<string, InForceMark>): Manifest {
  if (marks.size === 0) return manifest;
  const documents = Object.fromEntries(
    Object.entries(manifest.documents).map(([source, document]) => {
      const facts = withInForceMark(document.facts, marks.get(source));
      return [source, facts ? { ...document, facts } : document];
    }),
  );
  return { ...manifest, documents };
}
