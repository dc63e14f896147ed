/** A cited piece of evidence: which document, which section, and the quoted source text. */
export interface Citation {
  source: string;
  title: string;
  section: string;
  quote: string;
}

/**
 * One place's row of a side-by-side answer: what the documents offer there, and where that is
 * written (empty source, title and section when no document covers the place).
 */
export interface ComparisonRow {
  place: string;
  offer: string;
  source: string;
  title: string;
  section: string;
}

/** A passage as reported in `ask --json`. */
interface PassageReport {
  source: string;
  title: string;
  section: string;
  text: string;
  score: number;
}

/** A cited document's facts, as `ask --json` reports them. */
export interface DocumentReport {
  source: string;
  title: string;
  docNumber?: string;
  issuer?: string;
  issuedOn?: string;
  period?: string;
  status: 'draft' | 'trial' | 'in-force' | 'expired' | 'unknown';
}

/** The answer contract shared by the CLI, the console chat and the Feishu channel. */
export interface AskResult {
  id?: string | undefined;
  question: string;
  /** The standalone query actually searched (after follow-up rewriting or truncation). */
  query: string;
  answerable: boolean;
  answer: string;
  citations: Citation[];
  /** Present for a comparison question (南浔和鹿城…分别…): one row per place, for a table. */
  comparison?: ComparisonRow[] | undefined;
  /** The cited documents with their 文号, issuer, date, period and status. */
  documents: DocumentReport[];
  passages: PassageReport[];
  mode: 'llm' | 'extractive';
  model?: string | undefined;
  notes: string[];
  timings: { retrieveMs: number; totalMs: number };
}
