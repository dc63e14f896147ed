import type { CardJson } from '../outbound/open-platform.js';

/** Element of a Card JSON 2.0 body. */
export type CardElement = Record<string, unknown>;

/** Header colours used: blue answers, orange refusals and notices, red failures, wathet while pending. */
export type HeaderColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'wathet';

/** A Card JSON 2.0 card: shared (`update_multi`) so updates reach everyone, with a chat-list summary. */
export function card(options: {
  title: string;
  subtitle?: string;
  color: HeaderColor;
  summary: string;
  elements: CardElement[];
  streaming?: boolean;
}): CardJson {
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      ...(options.streaming ? { streaming_mode: true, streaming_config: { print_strategy: 'fast' } } : { streaming_mode: false }),
      summary: { content: options.summary.slice(0, 60) },
    },
    header: {
      title: { tag: 'plain_text', content: options.title },
      ...(options.subtitle ? { subtitle: { tag: 'plain_text', content: options.subtitle.slice(0, 60) } } : {}),
      template: options.color,
    },
    body: { elements: options.elements },
  };
}

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

/** Keeps `<`, `>`, `*`, `_`, `~` and backticks in document text from being read as card markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>*_~`]/g, (character) => `&#${character.charCodeAt(0)};`);
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

/** Elements side by side (how Card JSON 2.0 lays out a row of buttons). */
export function row(elements: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: elements.map((element) => ({ tag: 'column', width: 'auto', elements: [element] })),
  };
}
