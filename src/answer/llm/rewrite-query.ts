import type { AnswerModel } from './answer-model.js';
import { rewriteMessages, type HistoryTurn } from './build-messages.js';
import { containsRefusalSignal, stripThinking } from './markers.js';
import { ModelError } from './model-error.js';
import type { OutputGuard } from './output-guard.js';
import type { PromptTemplates } from './prompt-templates.js';

const LABEL = /^(?:改写后的问题|改写后|完整问题|独立问题|新问题|问题|rewritten question|question)\s*[:：]\s*/i;
const QUOTES = /^[「『“"'‘]+|[」』”"'’]+$/g;

/** The standalone question in a rewrite reply, or undefined when the reply is not one. */
function cleanRewrite(reply: string, maxChars: number): string | undefined {
  const line = stripThinking(reply)
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '');
  if (!line || containsRefusalSignal(line)) return undefined;
  const question = line.replace(LABEL, '').replace(QUOTES, '').trim();
  return question !== '' && question.length <= maxChars ? question : undefined;
}

/** What the model rewrite needs besides the question and history. */
export interface RewriteSetup {
  model: AnswerModel;
  prompts: PromptTemplates;
  leaks: OutputGuard;
  maxChars: number;
}

/** Asks the model to turn a follow-up into a standalone question; a ModelError when it cannot. */
export async function rewriteWithModel(
  setup: RewriteSetup,
  question: string,
  history: HistoryTurn[],
  call: { signal: AbortSignal; deadline: number },
): Promise<string> {
  const reply = await setup.model.generate({ messages: rewriteMessages(setup.prompts, question, history), ...call });
  const rewritten = cleanRewrite(reply, setup.maxChars);
  if (rewritten === undefined || setup.leaks(rewritten)) throw new ModelError('malformed-output', 'the rewrite reply is not a question');
  return rewritten;
}
