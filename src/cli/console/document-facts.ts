import { z } from 'zod';

/**
 * What the ingest layer reads about a document beyond its title (issue 19 and the lead's document-facts
 * work): 文号, issuer, date of issue, period of validity and status. Every field is optional, so an index
 * built before the facts were recorded shows them as 未标注.
 */
export const documentFactsSchema = z.object({
  title: z.string().optional(),
  docNumber: z.string().optional(),
  issuer: z.string().optional(),
  issuedOn: z.string().optional(),
  period: z.string().optional(),
  status: z.string().optional(),
});

export type DocumentFacts = z.infer<typeof documentFactsSchema>;

const NOT_LABELLED = '未标注';

/** The facts of a manifest entry or a parsed document's meta; unknown shapes give no facts. */
export function documentFacts(value: unknown): DocumentFacts {
  const parsed = documentFactsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** 「现行有效 · 2025—2027年」: status and period, or 未标注 for what is unknown. */
export function statusAndPeriod(facts: DocumentFacts): string {
  return `状态：${facts.status ?? NOT_LABELLED} · 有效期：${facts.period ?? NOT_LABELLED}`;
}
