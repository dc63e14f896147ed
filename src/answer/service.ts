import { silentLogger, type Logger } from '../log/index.js';
import {
  composeResult,
  extractiveAnswerOf,
  prepareQuestion,
  type Evidence,
  type FindEvidence,
  type ResultContext,
  type WrittenAnswer,
} from './ask.js';
import { standaloneQuery, type ModelRewrite } from './conversation-query.js';
import { factsForPrompt } from './document-notices.js';
import type { ConversationStore } from './conversation-store.js';
import {
  droppedSentencesNote,
  errorFields,
  groundedAnswer,
  modelFailureNote,
  unusableAnswerNote,
  type AnswerCheck,
  type GroundedAnswerSetup,
} from './llm/index.js';
import type { AskResult } from './types.js';

/** One question as a channel hands it over. */
export interface AskRequest {
  question: string;
  /** Echoed back in the result (batch ids, Feishu message ids). */
  id?: string;
  /** Chat or thread the question belongs to: follow-ups are resolved within it. */
  conversationId?: string;
  /** Forces a mode; by default LLM when configured, extractive otherwise. */
  mode?: 'llm' | 'extractive' | undefined;
  signal?: AbortSignal;
}

/**
 * What a streaming answer emits: `partial` carries the whole answer text so far (not a delta; `[n]`
 * markers numbered like the final citations; the last ~20 characters held back), then `final` comes
 * once, after citation checking. Extractive answers emit only `final`.
 */
export type AskEvent = { type: 'partial'; text: string } | { type: 'final'; result: AskResult };

/** The answer layer's public face for channels (CLI, console chat, Feishu). */
export interface AnswerService {
  ask(request: AskRequest): Promise<AskResult>;
  /** Partial text as it is generated; the final event comes only after citation checking. */
  stream(request: AskRequest): AsyncIterable<AskEvent>;
}

/** The configured model with everything grounded answering needs. */
export interface LlmSetup extends GroundedAnswerSetup {
  /** Time budget of all model calls for one question (LLM_TIMEOUT_MS). */
  budgetMs: number;
  /** Share of the budget a follow-up rewrite may use. */
  rewriteShare?: number;
}

/** What the answer service is built from; without `llm` it answers extractively. */
interface AnswerServiceOptions {
  find: FindEvidence;
  maxQuestionChars: number;
  llm?: LlmSetup | undefined;
  conversations?: ConversationStore;
  logger?: Logger;
}

/** Consumes a stream and returns its final result: `ask` is `stream` without the partials. */
async function finalResult(events: AsyncIterable<AskEvent>): Promise<AskResult> {
  for await (const event of events) if (event.type === 'final') return event.result;
  throw new Error('the answer stream ended without a final result');
}

/** The time budget of one question's model calls: one abort signal and its deadline. */
interface Budget {
  signal: AbortSignal;
  deadline: number;
}

function budgetOf(milliseconds: number, started: number, caller?: AbortSignal): Budget {
  const timeout = AbortSignal.timeout(Math.max(1, Math.round(milliseconds - (performance.now() - started))));
  return { signal: caller ? AbortSignal.any([timeout, caller]) : timeout, deadline: started + milliseconds };
}

/**
 * The answer service: resolves follow-ups, retrieves, gates on answerability, then lets the model
 * write a grounded answer (checked before it is final) or extracts one; any model failure falls
 * back to the extractive answer with a note, inside the time budget.
 */
export function createAnswerService({
  find,
  maxQuestionChars,
  llm,
  conversations,
  logger = silentLogger,
}: AnswerServiceOptions): AnswerService {
  async function* stream(request: AskRequest): AsyncGenerator<AskEvent> {
    const started = performance.now();
    const prepared = prepareQuestion(request.question, maxQuestionChars);
    const context: ResultContext = { id: request.id, question: request.question, notes: prepared.notes, started };
    const active = (request.mode ?? 'llm') === 'llm' ? llm : undefined;
    if (request.mode === 'llm' && !llm) context.notes.push('未配置大模型，以下为文件原文摘录的答案。');
    const budget = active ? budgetOf(active.budgetMs, started, request.signal) : undefined;
    const history = request.conversationId && conversations ? conversations.recent(request.conversationId) : [];
    const rewrite = active && budget ? rewriteSetup(active, budget, maxQuestionChars) : undefined;
    const query = (await standaloneQuery(prepared.query, history, rewrite, logger)).slice(0, maxQuestionChars);
    const evidence = await find(query, request.signal);
    let written = extractiveAnswerOf(evidence);
    // The answerability gate comes first: the model is never asked about out-of-scope questions.
    if (active && budget && evidence.extracted && !evidence.settled) {
      const documentFacts = factsForPrompt(evidence.passages.slice(0, active.passageCount), evidence.facts, evidence.today);
      const answering = groundedAnswer(active, { query, passages: evidence.passages, documentFacts, ...budget });
      try {
        let step = await answering.next();
        for (; !step.done; step = await answering.next()) yield { type: 'partial', text: step.value };
        written = checkedAnswer(step.value, evidence, active.model.modelId, context.notes, logger) ?? written;
      } catch (error) {
        request.signal?.throwIfAborted();
        logger.warn('answer.llm.fallback', { id: request.id, ...errorFields(error) });
        context.notes.push(modelFailureNote(error));
      } finally {
        // A consumer that stops early closes the model stream too (the value is never read).
        await answering.return({ kind: 'unusable', reason: 'empty' }).catch(() => undefined);
      }
    }
    const result = composeResult(evidence, written, context);
    if (request.conversationId)
      conversations?.remember(request.conversationId, { question: request.question, query, answer: result.answer });
    yield { type: 'final', result };
  }
  return { stream, ask: (request) => finalResult(stream(request)) };
}

/** The rewrite gets a share of the budget, so a slow rewrite still leaves time to answer. */
function rewriteSetup(setup: LlmSetup, budget: Budget, maxChars: number): ModelRewrite {
  const share = setup.budgetMs * (setup.rewriteShare ?? 0.25);
  return {
    ...setup,
    maxChars,
    signal: AbortSignal.any([budget.signal, AbortSignal.timeout(Math.max(1, Math.round(share)))]),
    deadline: Math.min(budget.deadline, performance.now() + share),
  };
}

/** Turns the checker's verdict into the answer, or undefined when the extractive one must stand in. */
function checkedAnswer(
  check: AnswerCheck,
  evidence: Evidence,
  modelId: string,
  notes: string[],
  logger: Logger,
): WrittenAnswer | undefined {
  switch (check.kind) {
    case 'answered':
      if (check.droppedSentences > 0) notes.push(droppedSentencesNote(check.droppedSentences));
      return { answerable: true, answer: check.answer, citations: check.citations, mode: 'llm', model: modelId };
    case 'refused':
      return { answerable: false, answer: evidence.refusal, citations: [], mode: 'llm', model: modelId };
    case 'unusable':
      logger.warn('answer.llm.unusable', { reason: check.reason });
      notes.push(unusableAnswerNote(check.reason));
      return undefined;
  }
}
