import { z } from 'zod';
import type { AskResult } from '../answer/index.js';
import { compactForm } from '../text/index.js';

/** One line of an eval file (format of ../shared/eval/*.jsonl). */
export const evalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  expect: z.array(z.string()).nullable(),
  /** At least one of these must appear in the answer too (validity questions: 有效、仍在…). */
  expect_any: z.array(z.string()).optional(),
  source: z.string().nullable(),
  /** What is asked (who, period, number, nearmiss…); items without one count as `fact`. */
  kind: z.string().optional(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

/** How one question fared. */
export interface EvalOutcome {
  id: string;
  kind: string;
  inScope: boolean;
  /** An in-domain question the documents do not answer (`expect: null` with a kind), as opposed to out of scope. */
  nearMiss: boolean;
  /** 1-based rank of the first passage from the right document containing every expected fact. */
  rank?: number;
  /** 1-based rank of the first passage from the right document. */
  sourceRank?: number;
  rightCitation: boolean;
  conciseWithFacts: boolean;
  refused: boolean;
}

function containsAll(text: string, facts: string[]): boolean {
  const haystack = compactForm(text);
  return facts.every((fact) => haystack.includes(compactForm(fact)));
}

function containsAny(text: string, facts: string[] | undefined): boolean {
  if (!facts || facts.length === 0) return true;
  const haystack = compactForm(text);
  return facts.some((fact) => haystack.includes(compactForm(fact)));
}

/** Scores one answer against its eval item. */
export function scoreOutcome(item: EvalItem, result: AskResult, maxAnswerChars = 300): EvalOutcome {
  const inScope = item.expect !== null;
  const refused = !result.answerable;
  const kind = item.kind ?? (inScope ? 'fact' : 'out-of-scope');
  const base = { id: item.id, kind, inScope, nearMiss: !inScope && item.kind !== undefined, refused };
  if (!inScope) return { ...base, rightCitation: false, conciseWithFacts: false };
  const facts = item.expect ?? [];
  const rankOf = (predicate: (index: number) => boolean): number | undefined => {
    const index = result.passages.findIndex((_, position) => predicate(position));
    return index >= 0 ? index + 1 : undefined;
  };
  const rank = rankOf((index) => {
    const passage = result.passages[index];
    return (
      passage !== undefined && passage.source === item.source && containsAll(`${passage.title}${passage.section}${passage.text}`, facts)
    );
  });
  const sourceRank = rankOf((index) => result.passages[index]?.source === item.source);
  const outcome: EvalOutcome = {
    ...base,
    rightCitation: !refused && result.citations[0]?.source === item.source,
    conciseWithFacts:
      !refused &&
      result.answer.length <= maxAnswerChars &&
      containsAll(result.answer, facts) &&
      containsAny(result.answer, item.expect_any),
  };
  if (rank !== undefined) outcome.rank = rank;
  if (sourceRank !== undefined) outcome.sourceRank = sourceRank;
  return outcome;
}

/** Aggregate metrics of an eval run. */
export interface EvalSummary {
  questions: number;
  inScope: number;
  outOfScope: number;
  nearMisses: number;
  hitAt1: number;
  hitAt5: number;
  docAt5: number;
  mrr: number;
  sourceHitAt1: number;
  rightDocumentCitation: number;
  conciseAnswerWithFacts: number;
  outOfScopeRefused: number;
  nearMissesRefused: number;
  falseRefusals: number;
}

const ratio = (count: number, total: number): number => (total === 0 ? 0 : Number((count / total).toFixed(3)));

/** Averages outcomes into the metrics the targets are stated in. */
export function summarize(outcomes: EvalOutcome[]): EvalSummary {
  const inScope = outcomes.filter((outcome) => outcome.inScope);
  const outOfScope = outcomes.filter((outcome) => !outcome.inScope && !outcome.nearMiss);
  const nearMisses = outcomes.filter((outcome) => outcome.nearMiss);
  const count = (list: EvalOutcome[], predicate: (outcome: EvalOutcome) => boolean) => list.filter(predicate).length;
  return {
    questions: outcomes.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    nearMisses: nearMisses.length,
    hitAt1: ratio(
      count(inScope, (o) => o.rank === 1),
      inScope.length,
    ),
    hitAt5: ratio(
      count(inScope, (o) => (o.rank ?? 99) <= 5),
      inScope.length,
    ),
    docAt5: ratio(
      count(inScope, (o) => (o.sourceRank ?? 99) <= 5),
      inScope.length,
    ),
    mrr: ratio(
      inScope.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0),
      inScope.length,
    ),
    sourceHitAt1: ratio(
      count(inScope, (o) => o.sourceRank === 1),
      inScope.length,
    ),
    rightDocumentCitation: ratio(
      count(inScope, (o) => o.rightCitation),
      inScope.length,
    ),
    conciseAnswerWithFacts: ratio(
      count(inScope, (o) => o.conciseWithFacts),
      inScope.length,
    ),
    outOfScopeRefused: ratio(
      count(outOfScope, (o) => o.refused),
      outOfScope.length,
    ),
    nearMissesRefused: ratio(
      count(nearMisses, (o) => o.refused),
      nearMisses.length,
    ),
    falseRefusals: ratio(
      count(inScope, (o) => o.refused),
      inScope.length,
    ),
  };
}

/** One row of the per-kind table: how many, answered with the facts, refused. */
interface KindRow {
  kind: string;
  questions: number;
  answeredWithFacts: number;
  refused: number;
}

/** Groups outcomes by kind: answerable kinds count answers with the facts, refusal kinds count refusals. */
export function summarizeByKind(outcomes: EvalOutcome[]): KindRow[] {
  const rows = new Map<string, KindRow>();
  for (const outcome of outcomes) {
    const row = rows.get(outcome.kind) ?? { kind: outcome.kind, questions: 0, answeredWithFacts: 0, refused: 0 };
    row.questions += 1;
    if (outcome.conciseWithFacts) row.answeredWithFacts += 1;
    if (outcome.refused) row.refused += 1;
    rows.set(outcome.kind, row);
  }
  return [...rows.values()];
}

/** The per-kind table as text lines: `who  2/3 answered with facts, 0 refused`. */
export function formatKindRows(rows: KindRow[]): string {
  return rows
    .map(({ kind, questions, answeredWithFacts, refused }) =>
      kind === 'nearmiss' || kind === 'out-of-scope'
        ? `${kind.padEnd(14)} ${refused}/${questions} refused`
        : `${kind.padEnd(14)} ${answeredWithFacts}/${questions} answered with the facts, ${refused} refused`,
    )
    .join('\n');
}

/** Why an outcome counts as a failure, or undefined when it passed every check. */
export function failureReason(outcome: EvalOutcome): string | undefined {
  if (!outcome.inScope) return outcome.refused ? undefined : `${outcome.nearMiss ? 'near miss' : 'out-of-scope question'} was answered`;
  const reasons = [
    outcome.refused && 'falsely refused',
    outcome.rank !== 1 && `best passage rank ${outcome.rank ?? '>10'}`,
    !outcome.rightCitation && !outcome.refused && 'cited the wrong document',
    !outcome.conciseWithFacts && !outcome.refused && 'answer lacks expected facts',
  ].filter((reason): reason is string => Boolean(reason));
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
