import { formatSection, type Block, type ParsedDocument } from '../../ingest/index.js';
import type { EntryKind, SourceRef } from '../calendar/types.js';

/** A proposed calendar entry in the file's shape, with a note for the reviewing admin. */
export interface ProposedEntry {
  id: string;
  title: string;
  kind: Exclude<EntryKind, 'custom'>;
  when: string;
  remind?: string[];
  lead?: string;
  host?: string;
  contact?: string;
  note?: string;
  source: SourceRef;
  /** Why and how it was read (written as a YAML comment). */
  review: string;
}

/** `000` for `000_3f69….txt`: a short, stable prefix for proposed ids. */
export function stemOf(source: string): string {
  const base =
    source
      .replace(/\.[^.]+$/, '')
      .split('/')
      .pop() ?? source;
  const numbered = /^(\d+)_/.exec(base);
  return (
    (numbered?.[1] ?? base)
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24) || 'doc'
  );
}

/** The citation of a block, as answers cite it. */
export function sourceOf(document: ParsedDocument, block: Block, quote: string): SourceRef {
  return { source: document.source, title: document.meta.title, section: formatSection(block.sectionPath), quote };
}
