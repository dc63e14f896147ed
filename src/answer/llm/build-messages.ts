import { formatSection } from '../../ingest/index.js';
import type { RetrievedPassage } from '../../retrieve/index.js';
import type { ModelMessage } from './answer-model.js';
import { REFUSAL_SIGNAL } from './markers.js';
import { renderTemplate, type PromptTemplates } from './prompt-templates.js';

/** One earlier exchange of a conversation, as the rewrite prompt shows it. */
export interface HistoryTurn {
  query: string;
  answer: string;
}

// Text from users and documents cannot open a section of its own in our prompt.
const SECTION_LABEL = /【\s*(资料|问题|对话|新问题)\s*】/g;

function quoted(text: string): string {
  return text.replace(SECTION_LABEL, '「$1」');
}

/** Numbered passages `[n] 《title》 › section` followed by their text. */
function formatPassages(passages: RetrievedPassage[]): string {
  return passages
    .map(({ chunk }, index) => {
      const section = chunk.sectionPath.length > 0 ? ` › ${formatSection(chunk.sectionPath)}` : '';
      return `[${index + 1}] 《${quoted(chunk.title)}》${quoted(section)}\n${quoted(chunk.text)}`;
    })
    .join('\n\n');
}

/** The system prompt with its refusal rule and signal filled in. */
export function systemPrompt(prompts: PromptTemplates): string {
  return renderTemplate(prompts.system, { refusal: renderTemplate(prompts.refusal, { signal: REFUSAL_SIGNAL }) });
}

/**
 * Messages asking for a grounded answer to one standalone question. The passages' document facts
 * (文号, issuer, date, period, status) follow them, so questions about a document itself are answerable.
 */
export function answerMessages(
  prompts: PromptTemplates,
  question: string,
  passages: RetrievedPassage[],
  documentFacts = '',
): ModelMessage[] {
  const facts = documentFacts === '' ? '' : `\n\n文件信息：\n${quoted(documentFacts)}`;
  return [
    { role: 'system', content: systemPrompt(prompts) },
    {
      role: 'user',
      content: renderTemplate(prompts.answer, { passages: `${formatPassages(passages)}${facts}`, question: quoted(question) }),
    },
  ];
}

/** Messages asking to turn a follow-up into a standalone question. */
export function rewriteMessages(prompts: PromptTemplates, question: string, history: HistoryTurn[]): ModelMessage[] {
  const lines = history.flatMap((turn) => [`用户：${quoted(turn.query)}`, `助手：${quoted(turn.answer.slice(0, 120))}`]);
  return [{ role: 'user', content: renderTemplate(prompts.rewrite, { history: lines.join('\n'), question: quoted(question) }) }];
}
