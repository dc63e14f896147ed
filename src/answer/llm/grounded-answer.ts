import type { RetrievedPassage } from '../../retrieve/index.js';
import type { AnswerModel } from './answer-model.js';
import { answerMessages } from './build-messages.js';
import { checkAnswer, type AnswerCheck } from './check-answer.js';
import { withoutUnclosedBracket } from './markers.js';
import { UNDETECTED_LEAK_CHARS, type OutputGuard } from './output-guard.js';
import { partialAnswer } from './partial-text.js';
import type { PromptTemplates } from './prompt-templates.js';

// Whitespace vanishes before the guard compares, so keep a margin over what it can miss.
const HOLD_BACK_CHARS = UNDETECTED_LEAK_CHARS + 4;

/** What writing grounded answers needs, fixed for a process. */
export interface GroundedAnswerSetup {
  model: AnswerModel;
  prompts: PromptTemplates;
  leaks: OutputGuard;
  /** How many top passages the model sees, numbered [1]…[k]. */
  passageCount: number;
}

/** One grounded answer to write. */
interface GroundedAnswerRequest {
  query: string;
  passages: RetrievedPassage[];
  signal: AbortSignal;
  deadline: number;
  /** The passages' documents described (文号, issuer, date, period, status), one line each. */
  documentFacts?: string;
}

/**
 * Streams the model's answer over numbered passages, yielding the partial text a channel may
 * show, and returns the checked verdict once the model is done. Model failures are thrown.
 */
export async function* groundedAnswer(setup: GroundedAnswerSetup, request: GroundedAnswerRequest): AsyncGenerator<string, AnswerCheck> {
  const given = request.passages.slice(0, setup.passageCount);
  const messages = answerMessages(setup.prompts, request.query, given, request.documentFacts);
  let raw = '';
  let shown = '';
  let silenced = false;
  for await (const delta of setup.model.stream({ messages, signal: request.signal, deadline: request.deadline })) {
    raw += delta;
    if (silenced) continue;
    const partial = partialAnswer(raw, given.length);
    // Once the text quotes our instructions or a secret, nothing more of it is shown; the tail
    // is held back so the start of a leak is never shown before the guard can recognise it.
    if (setup.leaks(partial)) silenced = true;
    const visible = withoutUnclosedBracket([...partial].slice(0, -HOLD_BACK_CHARS).join('')).trimEnd();
    if (!silenced && visible !== '' && visible !== shown) {
      shown = visible;
      yield visible;
    }
  }
  return checkAnswer(raw, given, setup.leaks);
}
