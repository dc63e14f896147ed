import { silentLogger, type Logger } from '../log/index.js';
import { errorFields, rewriteWithModel, type RewriteSetup } from './llm/index.js';
import { carryOverRewrite, looksLikeFollowUp } from './conversation-rewrite.js';
import type { Turn } from './conversation-store.js';

/** The model side of follow-up rewriting, with the share of the time budget it may use. */
export interface ModelRewrite extends RewriteSetup {
  signal: AbortSignal;
  deadline: number;
}

/**
 * Turns a follow-up into a standalone query before retrieval: with the model when one is given,
 * by carrying over the previous subject otherwise (or when the model fails). Questions that do
 * not lean on the previous turn are returned as they are.
 */
export async function standaloneQuery(
  question: string,
  history: Turn[],
  rewrite: ModelRewrite | undefined,
  logger: Logger = silentLogger,
): Promise<string> {
  const previous = history.at(-1);
  if (!previous || !looksLikeFollowUp(question)) return question;
  if (rewrite) {
    try {
      return await rewriteWithModel(rewrite, question, history, { signal: rewrite.signal, deadline: rewrite.deadline });
    } catch (error) {
      logger.warn('answer.rewrite.fallback', errorFields(error));
    }
  }
  return carryOverRewrite(question, previous.query);
}
