import { z } from 'zod';
import type { AskResult } from '../answer/index.js';
import { compactForm } from '../text/index.js';

/** One line of an eval file (format of ../shared/eval/dev.jsonl). */
export const evalItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  expect: z.array(z.string()).nullable(),
  source: z.string().nullable(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

/** How one question fared. */
export interface EvalOutcome {
  id: string;
  inScope: boolean;
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

/** Scores one answer against its eval item. */
export function scoreOutcome(item: EvalItem, result: AskResult, maxAnswerChars = 300): EvalOutcome {
  const inScope = item.expect !== null;
  const refused = !result.answerable;
  if (!inScope) return { id: item.id, inScope, rightCitation: false, conciseWithFacts: false, refused };
  const facts = item.expect ?? [];
  const rankOf = (predicate: (index: number) => boolean): number | undefined => {
    const index = result.passages.findIndex((_, position) => predicate(position));
    return index >= 0 ? index + 1 : undefined;
  };
  const rank = rankOf((index) => {
    const passage = result.passages[index];
    return passage !== undefined && passage.source === item.source && containsAll(`${passage.title}${passage.section}${passage.text}`, facts);
  });
  const sourceRank = rankOf((index) => result.passages[index]?.source === item.source);
  const outcome: EvalOutcome = {
    id: item.id,
    inScope,
    rightCitation: !refused && result.citations[0]?.source === item.source,
    conciseWithFacts: !refused && result.answer.length <= maxAnswerChars && containsAll(result.answer, facts),
    refused,
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
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  sourceHitAt1: number;
  rightDocumentCitation: number;
  conciseAnswerWithFacts: number;
  outOfScopeRefused: number;
  falseRefusals: number;
}

const ratio = (count: number, total: number): number => (total === 0 ? 0 : Number((count / total).toFixed(3)));

/** Averages outcomes into the metrics the targets are stated in. */
export function summarize(outcomes: EvalOutcome[]): EvalSummary {
  const inScope = outcomes.filter((outcome) => outcome.inScope);
  const outOfScope = outcomes.filter((outcome) => !outcome.inScope);
  const count = (list: EvalOutcome[], predicate: (outcome: EvalOutcome) => boolean) => list.filter(predicate).length;
  return {
    questions: outcomes.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    hitAt1: ratio(count(inScope, (o) => o.rank === 1), inScope.length),
    hitAt5: ratio(count(inScope, (o) => (o.rank ?? 99) <= 5), inScope.length),
    mrr: ratio(inScope.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0), inScope.length),
    sourceHitAt1: ratio(count(inScope, (o) => o.sourceRank === 1), inScope.length),
    rightDocumentCitation: ratio(count(inScope, (o) => o.rightCitation), inScope.length),
    conciseAnswerWithFacts: ratio(count(inScope, (o) => o.conciseWithFacts), inScope.length),
    outOfScopeRefused: ratio(count(outOfScope, (o) => o.refused), outOfScope.length),
    falseRefusals: ratio(count(inScope, (o) => o.refused), inScope.length),
  };
}

/** Why an outcome counts as a failure, or undefined when it passed every check. */
export function failureReason(outcome: EvalOutcome): string | undefined {
  if (!outcome.inScope) return outcome.refused ? undefined : 'out-of-scope question was answered';
  const reasons = [
    outcome.refused && 'falsely refused',
    outcome.rank !== 1 && `best passage rank ${outcome.rank ?? '>10'}`,
    !outcome.rightCitation && !outcome.refused && 'cited the wrong document',
    !outcome.conciseWithFacts && !outcome.refused && 'answer lacks expected facts',
  ].filter((reason): reason is string => Boolean(reason));
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
