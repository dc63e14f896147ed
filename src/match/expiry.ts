import { documentStatus, type DocumentFacts } from '../ingest/index.js';

/** A served document whose period ends soon or has ended. */
export interface ExpiryEntry {
  source: string;
  title: string;
  period: string;
  /** Last day in force, YYYY-MM-DD. */
  to: string;
  /** Days from today to the last day in force; negative once it has passed. */
  daysLeft: number;
}

export interface ExpiryNotice {
  expiring: ExpiryEntry[];
  expired: ExpiryEntry[];
}

const DAY_MS = 86_400_000;

function chinaDay(today: Date): string {
  // Periods are Chinese calendar days: count them in China's time zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(today);
}

/**
 * What the weekly admin notice lists: documents whose period ends within `withinDays` (the last day
 * counted as in force) and documents already expired but still served.
 */
export function expiryNotice(
  documents: Array<{ source: string; title: string; facts?: DocumentFacts | undefined }>,
  today: Date,
  withinDays = 30,
): ExpiryNotice {
  const day = chinaDay(today);
  const notice: ExpiryNotice = { expiring: [], expired: [] };
  for (const document of documents) {
    const to = document.facts?.period?.to;
    // a draft has no period yet; one an admin confirmed as still in force needs no notice
    if (!to || document.facts?.draft || document.facts?.confirmedInForce) continue;
    const daysLeft = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
    const entry = { source: document.source, title: document.title, period: document.facts?.period?.text ?? '', to, daysLeft };
    if (documentStatus(document.facts, today) === 'expired') notice.expired.push(entry);
    else if (daysLeft <= withinDays) notice.expiring.push(entry);
  }
  notice.expiring.sort((left, right) => left.daysLeft - right.daysLeft);
  return notice;
}
