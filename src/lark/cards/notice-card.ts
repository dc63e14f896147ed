import type { CardJson } from '../../cards/index.js';
import { card, markdown, plainText, type HeaderColor } from '../../cards/index.js';

/** A short reply card for commands, help and refusals to act: a title and a few lines. */
export function noticeCard(title: string, body: { markdown?: string; text?: string }, color: HeaderColor = 'blue'): CardJson {
  const elements = [
    ...(body.markdown !== undefined ? [markdown(body.markdown)] : []),
    ...(body.text !== undefined ? [plainText(body.text)] : []),
  ];
  return card({ title, color, summary: body.text ?? title, elements });
}
