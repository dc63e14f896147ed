import type { ParsedDocument } from '../../ingest/index.js';
import type { CalendarEntry } from '../calendar/types.js';
import { explicitDateEntries } from './explicit-dates.js';
import type { ProposedEntry } from './proposed-entry.js';
import { scheduleRowEntries } from './schedule-rows.js';
import { targetEntries } from './target-dates.js';

export type { ProposedEntry } from './proposed-entry.js';

interface Proposal {
  entries: ProposedEntry[];
  /** Proposals left out because the calendar already has them (same id, or same source with the same quote or title). */
  alreadyInCalendar: string[];
}

/**
 * Proposes calendar entries from parsed documents (pure): schedule-table rows, 到YYYY年底 targets and
 * explicit dates, each citing its source. Entries the calendar already holds are left out.
 */
export function proposeCalendar(documents: readonly ParsedDocument[], existing: readonly CalendarEntry[] = []): Proposal {
  const proposal: Proposal = { entries: [], alreadyInCalendar: [] };
  const known = (entry: ProposedEntry): CalendarEntry | undefined =>
    existing.find(
      (candidate) =>
        candidate.id === entry.id ||
        (candidate.source?.source === entry.source.source &&
          (candidate.source.quote === entry.source.quote || candidate.title === entry.title)),
    );
  for (const document of documents) {
    if (document.plain) continue;
    for (const entry of [...scheduleRowEntries(document), ...targetEntries(document), ...explicitDateEntries(document)]) {
      const match = known(entry);
      if (match) proposal.alreadyInCalendar.push(`${entry.id} (calendar: ${match.id})`);
      else proposal.entries.push(entry);
    }
  }
  return proposal;
}
