import type { OutgoingMessage } from '../schedule/messages.js';
import type { CardJson } from '../../cards/index.js';
import { digestCard } from './digest-card.js';
import { reminderCard, type RenderContext } from './reminder-card.js';

/** The card for any outgoing message. */
export function renderCard(message: OutgoingMessage, context: RenderContext): CardJson {
  return message.type === 'digest' ? digestCard(message, context) : reminderCard(message, context);
}
