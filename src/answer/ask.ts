import type { KnowledgeIndex } from '../index/index.js';
import { formatSection } from '../ingest/index.js';
import { keyTerms, type Retriever } from '../retrieve/index.js';
import { placeNames } from '../text/index.js';
import { DEFAULT_THRESHOLDS, judgeAnswerability, type AnswerabilityThresholds } from './answerability.js';
import { AnswerError } from './errors.js';
import { extractiveAnswer } from './extractive.js';
import { refusalMessage } from './refusal.js';
import type { AskResult } from './types.js';

export interface AskerOptions {
  index: KnowledgeIndex;
  retriever: Retriever;
  maxQuestionChars: number;
  thresholds?: AnswerabilityThresholds;
  passageCount?: number;
}

export interface AskInput {
  question: string;
  id?: string;
  signal?: AbortSignal;
}

/** Answers one question from the index: retrieve, judge answerability, extract, cite. */
export type Ask = (input: AskInput) => Promise<AskResult>;

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

/** Creates the extractive question answerer over a loaded index. */
export function createAsker(options: AskerOptions): Ask {
  const passageCount = options.passageCount ?? 10;
  return async ({ question, id, signal }) => {
    const started = performance.now();
    const { query, notes } = prepareQuestion(question, options.maxQuestionChars);
    const passages = await options.retriever.retrieve(query, passageCount, signal);
    const retrieveMs = performance.now() - started;
    const terms = keyTerms(query);
    const verdict = judgeAnswerability(terms, placeNames(query), passages, options.thresholds ?? DEFAULT_THRESHOLDS);
    const extracted = verdict.answerable ? extractiveAnswer(query, terms, passages) : undefined;
    const answerable = Boolean(extracted && extracted.answer !== '');
    return {
      ...(id !== undefined ? { id } : {}),
      question,
      query,
      answerable,
      answer: answerable && extracted ? extracted.answer : refusalMessage(options.index.manifest, verdict.missingPlaces),
      citations: answerable && extracted ? extracted.citations : [],
      passages: passages.map(({ chunk, score }) => ({
        source: chunk.source,
        title: chunk.title,
        section: formatSection(chunk.sectionPath),
        text: chunk.text,
        score: Number(score.toFixed(6)),
      })),
      mode: 'extractive',
      notes,
      timings: { retrieveMs: round(retrieveMs), totalMs: round(performance.now() - started) },
    };
  };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
