import { readFile } from 'node:fs/promises';
import { pathInside } from '../admin/index.js';
import { loadDocument, parseDocument } from '../ingest/index.js';

/** What the documents list shows beside the index's title and 文号: read from the file itself. */
export interface DocumentFacts {
  issuer?: string;
  date?: string;
  /** 征求意见稿: a draft, not yet in force. */
  draft: boolean;
}

/** Documents parsed for the list at most; the rest show what the index knows. */
const MAX_PARSED = 300;

/** Parses each document once per version (name and modification time) and remembers what it found. */
export function createDocumentFacts(docsDir: string): (name: string, modifiedAt: number) => Promise<DocumentFacts | undefined> {
  const cache = new Map<string, DocumentFacts | undefined>();
  return async (name, modifiedAt) => {
    const key = `${name}\u0000${modifiedAt}`;
    if (cache.has(key)) return cache.get(key);
    if (cache.size >= MAX_PARSED) return undefined;
    let facts: DocumentFacts | undefined;
    try {
      const source = await loadDocument(name, await readFile(pathInside(docsDir, name)));
      const { meta } = parseDocument(source);
      facts = {
        ...(meta.issuer ? { issuer: meta.issuer } : {}),
        ...(meta.date ? { date: meta.date } : {}),
        draft: /征求意见稿|（草案）|\(草案\)/.test(`${meta.title}\n${source.text.slice(0, 400)}`),
      };
    } catch {
      facts = undefined;
    }
    cache.set(key, facts);
    return facts;
  };
}
