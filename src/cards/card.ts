import type { CardElement, HeaderColor } from './card-elements.js';

/** A card as JSON (Feishu Card JSON 2.0): what the bot replies with and a reminder Sender posts. */
export type CardJson = Record<string, unknown>;

/**
 * A Card JSON 2.0 card: shared (`update_multi`) so updates reach everyone, with a chat-list summary.
 * `streaming` turns on the typewriter mode a CardKit entity needs while an answer streams in.
 */
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

/** Elements side by side (how Card JSON 2.0 lays out a row of buttons). */
export function row(elements: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: elements.map((element) => ({ tag: 'column', width: 'auto', elements: [element] })),
  };
}
