import type { RetrievedPassage } from '../retrieve/index.js';
import { composeAnswer } from './compose/compose-answer.js';
import { readQuestion } from './read-question.js';
import type { Citation } from './types.js';

export { MAX_ANSWER_CHARS } from './compose/unit-answer.js';

/**
 * Extractive answer over passages alone (no document facts): the composer's answer for the
 * question as read, or an empty answer when it refuses.
 */
export function extractiveAnswer(
  question: string,
  terms: string[],
  passages: RetrievedPassage[],
): { answer: string; citations: Citation[] } {
  const reading = { ...readQuestion(question), subject: terms };
  const composed = composeAnswer({ question, reading, passages, facts: () => undefined, today: new Date() });
  return composed.answerable ? { answer: composed.answer, citations: composed.citations } : { answer: '', citations: [] };
}

// Kept here too: callers imported the citation builder from this module before it had its own file.
export { citationOf } from './citation.js';
