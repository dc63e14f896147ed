/** A card as JSON (Feishu Card JSON 2.0), what a Sender posts. */
export type CardJson = Record<string, unknown>;
/** One element of a card body. */
export type CardElement = Record<string, unknown>;

export type HeaderColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'wathet';

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

/** Keeps `<`, `>`, `*`, `_`, `~` and backticks in document text from being read as card markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>*_~`]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Markdown we write ourselves; document text inside must go through `escapeMarkdown`. */
export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

/** Literal text (quotes from documents are shown as written). */
export function plainText(content: string, style: { grey?: boolean; small?: boolean } = {}): CardElement {
  return {
    tag: 'div',
    text: { tag: 'plain_text', content, ...(style.grey ? { text_color: 'grey' } : {}), ...(style.small ? { text_size: 'notation' } : {}) },
  };
}

/** A thin divider. */
export function divider(): CardElement {
  return { tag: 'hr' };
}

/** A button whose click comes back to the bot as a `card.action.trigger` callback carrying `value`. */
export function callbackButton(label: string, value: Record<string, string>, primary = false): CardElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: label },
    type: primary ? 'primary' : 'default',
    size: 'small',
    behaviors: [{ type: 'callback', value }],
  };
}

/** A collapsed panel, for sources that would make a card long. */
export function collapsiblePanel(title: string, elements: CardElement[]): CardElement {
  return { tag: 'collapsible_panel', expanded: false, header: { title: { tag: 'plain_text', content: title } }, vertical_spacing: '4px', elements };
}
