import type { KnowledgeIndex } from '../index/index.js';
import { formatSection, withInForceMark, type InForceMark } from '../ingest/index.js';
import { keyTerms, type RetrievedPassage, type Retriever } from '../retrieve/index.js';
import { DEFAULT_THRESHOLDS, judgeAnswerability, type Answerability, type AnswerabilityThresholds } from './answerability.js';
import { AnswerError } from './errors.js';
import { composeAnswer } from './compose/compose-answer.js';
import { matchAnswer, questionMatch } from './compose/match-answer.js';
import { dutiesAnswer } from './compose/duties-answer.js';
import { withCorpusPlaces } from './corpus-places.js';
import { measuresAnswer } from './compose/measures-answer.js';
import { strictFactRefusal } from './compose/unit-answer.js';
import type { FactsBySource } from './compose/document-answer.js';
import { documentReports, noticesFor } from './document-notices.js';
import { foreignRefusal, isForeignQuestion } from './foreign-question.js';
import { asksDocumentFact, citedFirst, documentYears } from './evidence-helpers.js';
import { readQuestion, type QuestionReading } from './read-question.js';
import { refusalMessage } from './refusal.js';
import type { AskResult, Citation, ComparisonRow } from './types.js';
import { withScanNote } from './scan-note.js';

/** What the extractive asker and the evidence finder are built from. */
export interface AskerOptions {
  /** What is being answered from (its manifest names the documents a refusal points to). */
  index: Pick<KnowledgeIndex, 'manifest'>;
  retriever: Retriever;
  maxQuestionChars: number;
  thresholds?: AnswerabilityThresholds;
  passageCount?: number;
  /** Today, for a document's status (expired, in force); the injected clock in production. */
  today?: () => Date;
  /** Admins' 「仍然有效」 marks by source (the notices' state): such a document is not reported as expired. */
  inForceMarks?: (() => ReadonlyMap<string, InForceMark>) | undefined;
}

/** One question to the extractive asker. */
interface AskInput {
  question: string;
  id?: string;
  signal?: AbortSignal;
}

/** Answers one question from the index: retrieve, judge answerability, extract, cite. */
export type Ask = (input: AskInput) => Promise<AskResult>;

/** What retrieval found for one standalone query, before anyone writes an answer. */
export interface Evidence {
  query: string;
  passages: RetrievedPassage[];
  verdict: Answerability;
  /** The extractive answer, present when the passages answer the query (with a comparison's rows). */
  extracted?: { answer: string; citations: Citation[]; comparison?: ComparisonRow[] };
  /** The honest "not in the documents" answer for this query. */
  refusal: string;
  /** The related clause a precise refusal quotes (「相关内容」), when there is one. */
  refusalCitations: Citation[];
  /** What the question asks, read once for every answerer. */
  reading: QuestionReading;
  /** The facts of each document (文号, period, status) by source. */
  facts: FactsBySource;
  today: Date;
  retrieveMs: number;
  /** The composed answer is complete as it stands (a profile match, a department's duties): the model does not rewrite it. */
  settled?: boolean;
}

/** Retrieves and judges one standalone query. */
export type FindEvidence = (query: string, signal?: AbortSignal) => Promise<Evidence>;

/** The parts of a result that come from the request rather than from retrieval. */
export interface ResultContext {
  id?: string | undefined;
  question: string;
  notes: string[];
  /** `performance.now()` when the question arrived. */
  started: number;
}

/** An answer written from evidence: by extraction, or by the model after citation checking. */
export interface WrittenAnswer {
  answerable: boolean;
  answer: string;
  citations: Citation[];
  mode: 'llm' | 'extractive';
  model?: string;
}

/** Cleans and bounds a question; a question over the cap is cut with a note instead of rejected. */
export function prepareQuestion(raw: string, maxChars: number): { query: string; notes: string[] } {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (question === '') throw new AnswerError('empty-question', '问题为空，请输入要查询的内容。');
  if (question.length <= maxChars) return { query: question, notes: [] };
  return {
    query: question.slice(0, maxChars),
    notes: [`问题过长（${question.length} 字），只按前 ${maxChars} 字检索。`],
  };
}

/** Creates the retrieve-and-judge stage shared by the extractive and the LLM answerers. */
export function createEvidenceFinder(options: AskerOptions): FindEvidence {
  const passageCount = options.passageCount ?? 10;
  const facts: FactsBySource = (source) =>
    withInForceMark(options.index.manifest.documents[source]?.facts, options.inForceMarks?.().get(source));
  const judge = async (query: string, signal?: AbortSignal): Promise<Evidence> => {
    const started = performance.now();
    const reading = withCorpusPlaces(readQuestion(query), query, options.index.manifest);
    // Lists and comparisons gather more rows than a fact needs; the report still shows the top ones.
    const wide = reading.asks.includes('list') || reading.asks.includes('comparison');
    const passages = await options.retriever.retrieve(query, wide ? passageCount * 2 : passageCount, signal);
    const retrieveMs = performance.now() - started;
    const terms = keyTerms(query);
    const verdict = judgeAnswerability(
      terms,
      [...reading.places, ...reading.years],
      passages,
      options.thresholds ?? DEFAULT_THRESHOLDS,
      (source) => documentYears(facts(source)),
    );
    const today = options.today?.() ?? new Date();
    // "I am …, what applies to me" is answered by matching the measures read at index time, not by search.
    const match = reading.whatApplies ? questionMatch(query, options.index.manifest, today) : undefined;
    const matched = match ? matchAnswer(match) : undefined;
    // 「区人力社保局负责哪些工作？」 is answered from the 牵头/责任单位 marks read at index time.
    const duties = matched ? undefined : dutiesAnswer(query, options.index.manifest, reading.places);
    // Document facts and "what can I get" are answered from titles and measures, not from one passage's words.
    const measures =
      matched ??
      duties ??
      (!verdict.answerable && verdict.reason === 'off-topic' && reading.asks.includes('eligibility')
        ? measuresAnswer(reading, passages)
        : undefined);
    const composed =
      measures ??
      (verdict.answerable || asksDocumentFact(reading) ? composeAnswer({ question: query, reading, passages, facts, today }) : undefined);
    const answered = composed?.answerable && composed.answer !== '' ? composed : undefined;
    const preciseRefusal =
      composed && !composed.answerable && composed.answer !== ''
        ? composed
        : !composed && verdict.reason === 'off-topic'
          ? strictFactRefusal(query, reading, passages)
          : undefined;
    return {
      query,
      passages: answered ? citedFirst(passages, answered.citations) : passages,
      verdict: answered ? { ...verdict, answerable: true } : preciseRefusal ? { ...verdict, answerable: false } : verdict,
      ...(answered
        ? {
            extracted: {
              answer: answered.answer,
              citations: answered.citations,
              ...(answered.comparison ? { comparison: answered.comparison } : {}),
            },
          }
        : {}),
      refusal: preciseRefusal?.answer ?? refusalMessage(options.index.manifest, verdict.missingPlaces),
      refusalCitations: preciseRefusal?.citations ?? [],
      reading,
      facts,
      today,
      retrieveMs,
      ...(matched || duties ? { settled: true } : {}),
    };
  };
  return async (query, signal) => {
    return isForeignQuestion(query) ? judgeForeign(query, judge, signal) : judge(query, signal);
  };
}

/** A question in another language is refused in Chinese and in English, with what to do instead. */
async function judgeForeign(query: string, judge: FindEvidence, signal?: AbortSignal): Promise<Evidence> {
  const evidence = await judge(query, signal);
  const { extracted: _dropped, ...rest } = evidence;
  return { ...rest, verdict: { ...evidence.verdict, answerable: false }, refusal: foreignRefusal(), refusalCitations: [] };
}

/** The extractive answer of some evidence, or its honest refusal. */
export function extractiveAnswerOf(evidence: Evidence): WrittenAnswer {
  const { extracted } = evidence;
  return extracted
    ? { answerable: true, answer: extracted.answer, citations: extracted.citations, mode: 'extractive' }
    : { answerable: false, answer: evidence.refusal, citations: evidence.refusalCitations, mode: 'extractive' };
}

/** Assembles the `ask --json` contract from evidence, an answer and the request context. */
export function composeResult(evidence: Evidence, written: WrittenAnswer, context: ResultContext): AskResult {
  return {
    id: context.id,
    question: context.question,
    query: evidence.query,
    answerable: written.answerable,
    answer: withNotices(written.answer, noticesFor(written.citations, evidence.facts, evidence.today)),
    citations: written.citations,
    // The rows come from the evidence, so a model-written answer keeps its table too.
    ...(written.answerable && evidence.extracted?.comparison ? { comparison: evidence.extracted.comparison } : {}),
    documents: documentReports(written.citations, evidence.facts, evidence.today),
    passages: evidence.passages.map(({ chunk, score }) => ({
      source: chunk.source,
      title: chunk.title,
      section: formatSection(chunk.sectionPath),
      text: chunk.text,
      score: Number(score.toFixed(6)),
    })),
    mode: written.mode,
    model: written.model,
    notes: withScanNote(context.notes, written.citations, evidence.passages),
    timings: { retrieveMs: round(evidence.retrieveMs), totalMs: round(performance.now() - context.started) },
  };
}

/** Creates the extractive question answerer over a loaded index. */
export function createAsker(options: AskerOptions): Ask {
  const find = createEvidenceFinder(options);
  return async ({ question, id, signal }) => {
    const started = performance.now();
    const { query, notes } = prepareQuestion(question, options.maxQuestionChars);
    const evidence = await find(query, signal);
    return composeResult(evidence, extractiveAnswerOf(evidence), { id, question, notes, started });
  };
}

/** The answer with one notice line per expired or draft document it cites. */
function withNotices(answer: string, notices: string[]): string {
  // A profile match already carries its documents' notices among its notes.
  const fresh = notices.filter((notice) => !answer.includes(notice));
  return fresh.length > 0 ? `${answer}\n${fresh.join('\n')}` : answer;
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
