// Card JSON 2.0 building blocks shared by the bot's answer cards and the reminder cards.

/** Header colours used: blue answers, orange refusals and notices, red failures, wathet while pending. */
export type HeaderColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'wathet';

/** One element of a Feishu Card JSON 2.0 body. */
export type CardElement = Record<string, unknown>;

/** Literal text: document quotes and answers are shown as written, never parsed as markdown. */
export function plainText(content: string, style: { grey?: boolean; small?: boolean; id?: string } = {}): CardElement {
  return {
    tag: 'div',
    ...(style.id ? { element_id: style.id } : {}),
    text: {
      tag: 'plain_text',
      content,
      ...(style.grey ? { text_color: 'grey' } : {}),
      ...(style.small ? { text_size: 'notation' } : {}),
    },
  };
}

/** Markdown we write ourselves (labels, command lists); text from documents goes through `escapeMarkdown`. */
export function markdown(content: string, id?: string): CardElement {
  return { tag: 'markdown', ...(id ? { element_id: id } : {}), content };
}

/**
 * Keeps document text from being read as card markdown: `< > * _ ~` and backticks (styles, tags),
 * `[ ] ( )` (links), `#` (headings), `- +` (lists), `\\` (escapes), `$` (formulas), `!` (images) become
 * HTML character references. Character by character, so the escape of a prefix is a prefix of the escape.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>*_~`[\]()#\-+\\$!]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A collapsed panel: the sources live here so the answer stays short. */
export function collapsiblePanel(title: string, elements: CardElement[], id?: string): CardElement {
  return {
    tag: 'collapsible_panel',
    ...(id ? { element_id: id } : {}),
    expanded: false,
    header: { title: { tag: 'plain_text', content: title } },
    vertical_spacing: '4px',
    elements,
  };
}

/** A button whose click comes back as a `card.action.trigger` callback carrying `value`. */
export function callbackButton(label: string, value: Record<string, string>, primary = false): CardElement {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: label },
    type: primary ? 'primary' : 'default',
    size: 'small',
    behaviors: [{ type: 'callback', value }],
  };
}
