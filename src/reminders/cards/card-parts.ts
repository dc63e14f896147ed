import type { CardElement, HeaderColor } from '../../cards/index.js';

export { callbackButton, collapsiblePanel, escapeMarkdown, markdown, plainText, type CardElement, type HeaderColor } from '../../cards/index.js';

/** A card as JSON (Feishu Card JSON 2.0), what a Sender posts. */
export type CardJson = Record<string, unknown>;

/** A Card JSON 2.0 card with a header and a chat-list summary. */
export function card(options: { title: string; subtitle?: string; color: HeaderColor; summary: string; elements: CardElement[] }): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: options.summary.slice(0, 60) } },
    header: {
      title: { tag: 'plain_text', content: options.title.slice(0, 100) },
      ...(options.subtitle ? { subtitle: { tag: 'plain_text', content: options.subtitle.slice(0, 60) } } : {}),
      template: options.color,
    },
    body: { elements: options.elements },
  };
}

/** A thin divider. */
export function divider(): CardElement {
  return { tag: 'hr' };
}

