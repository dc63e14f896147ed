import type { AskResult } from '../../answer/index.js';
import type { CardJson } from '../../cards/index.js';
import { comparisonTable } from './comparison-table.js';
import { callbackButton, card, collapsiblePanel, escapeMarkdown, markdown, plainText, row, type CardElement } from '../../cards/index.js';

export { escapeMarkdown };

/**
 * Text shown in a markdown element while it grows by PATCH: escaped, with a cursor. Not for CardKit
 * streaming, where each text must be a prefix of the next for the typewriter to type it.
 */
function escapeMarkdownForStream(text: string): string {
  return `${escapeMarkdown(text)} …`;
}

/** What an answer card shows; also what is kept for re-drawing it after a vote. */
export type AnswerView = Pick<AskResult, 'question' | 'answer' | 'answerable' | 'citations' | 'notes' | 'comparison'>;

/** A 👍 or 👎 on an answer card. */
export type Vote = 'up' | 'down';

/** The element streamed into while an answer is generated (CardKit element id). */
export const ANSWER_ELEMENT_ID = 'answer';

const BOT_NAME = '政策通';
/** What the reply says until the answer is ready. */
const PENDING_TEXT = '正在查找…';

/** The card that appears at once, before the answer is ready. */
export function pendingCard(question: string, streaming: boolean): CardJson {
  return card({
    title: BOT_NAME,
    subtitle: question,
    color: 'wathet',
    summary: PENDING_TEXT,
    streaming,
    elements: [markdown(PENDING_TEXT, ANSWER_ELEMENT_ID)],
  });
}

/** The growing answer while an LLM streams, for chats where CardKit streaming is not used. */
export function partialCard(question: string, text: string): CardJson {
  return card({
    title: BOT_NAME,
    subtitle: question,
    color: 'wathet',
    summary: text,
    elements: [markdown(escapeMarkdownForStream(text), ANSWER_ELEMENT_ID)],
  });
}

/** A quoted table record can be long; the card (30 KB at most) shows the start of it. */
const MAX_QUOTE_CHARS = 400;

function sources(citations: AskResult['citations']): CardElement[] {
  if (citations.length === 0) return [];
  const lines = citations.flatMap((citation, index) => [
    plainText(`[${index + 1}] 《${citation.title}》${citation.section ? ` › ${citation.section}` : ''}`),
    plainText(`“${citation.quote.length > MAX_QUOTE_CHARS ? `${citation.quote.slice(0, MAX_QUOTE_CHARS)}…` : citation.quote}”`, {
      grey: true,
      small: true,
    }),
  ]);
  return [collapsiblePanel(`来源（${citations.length}）`, lines, 'sources')];
}

/** A comparison of two places or more also gets its table, right under the cited lines. */
function comparison(view: AnswerView): CardElement[] {
  return view.comparison && view.comparison.length >= 2 ? [comparisonTable(view.comparison)] : [];
}

function feedback(ref: string, vote?: Vote): CardElement[] {
  const buttons = row([
    callbackButton('👍 有帮助', { action: 'feedback', vote: 'up', ref }, vote === 'up'),
    callbackButton('👎 没帮助', { action: 'feedback', vote: 'down', ref }, vote === 'down'),
  ]);
  return vote
    ? [buttons, plainText(`已记录反馈（${vote === 'up' ? '👍 有帮助' : '👎 没帮助'}），谢谢！`, { grey: true, small: true })]
    : [buttons];
}

/**
 * The answer with a collapsed 来源 panel (《title》 › section and the quote per citation) and 👍/👎
 * buttons whose callbacks carry `ref` (the question's message id); a refusal gets its own look.
 */
export function answerCard(view: AnswerView, ref: string, vote?: Vote): CardJson {
  const notes = view.notes.map((note) => plainText(note, { grey: true, small: true }));
  if (!view.answerable) {
    return card({
      title: '没有找到相关政策',
      subtitle: view.question,
      color: 'orange',
      summary: '没有找到相关政策',
      elements: [
        plainText(view.answer, { id: ANSWER_ELEMENT_ID }),
        ...notes,
        markdown('可以换个说法再问，或发送 **/sources** 查看可查询的文档、**/help** 查看用法。'),
        ...feedback(ref, vote),
      ],
    });
  }
  return card({
    title: BOT_NAME,
    subtitle: view.question,
    color: 'blue',
    summary: view.answer,
    elements: [
      plainText(view.answer, { id: ANSWER_ELEMENT_ID }),
      ...comparison(view),
      ...notes,
      ...sources(view.citations),
      ...feedback(ref, vote),
    ],
  });
}

/** Shown in place of the answer when answering failed; the text is already friendly Chinese. */
export function failureCard(question: string, message: string): CardJson {
  return card({
    title: BOT_NAME,
    subtitle: question,
    color: 'red',
    summary: message,
    elements: [plainText(message, { id: ANSWER_ELEMENT_ID })],
  });
}
