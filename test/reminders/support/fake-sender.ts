import type { Clock } from '../../../src/clock/index.js';
import { type SendError, type CardJson, type Sender, type SendResult } from '../../../src/reminders/index.js';

/** One call the fake received. */
export interface SenderCall {
  chatId: string;
  card: CardJson;
  uuid: string;
  at: number;
  result: 'delivered' | 'deduplicated' | 'failed';
}

/** A message as it landed in a chat. */
export interface DeliveredMessage {
  messageId: string;
  chatId: string;
  card: CardJson;
  uuid: string;
  at: number;
}

/**
 * A recording Sender that behaves like the platform where it matters: a `uuid` seen within the last
 * hour returns the first message instead of posting again, and failures can be scripted.
 */
export class FakeSender implements Sender {
  readonly calls: SenderCall[] = [];
  readonly delivered: DeliveredMessage[] = [];
  private readonly uuids = new Map<string, DeliveredMessage>();
  private readonly failures: Array<SendError | 'throw'> = [];
  private counter = 0;

  constructor(private readonly clock: Clock) {}

  /** The next `times` calls fail with this error ('throw': the call throws a plain Error). */
  failNext(times: number, error: SendError | 'throw'): void {
    for (let index = 0; index < times; index += 1) this.failures.push(error);
  }

  async send(chatId: string, card: CardJson, uuid: string): Promise<SendResult> {
    const at = this.clock.now();
    const failure = this.failures.shift();
    if (failure === 'throw') {
      this.calls.push({ chatId, card, uuid, at, result: 'failed' });
      throw new Error('socket hang up');
    }
    if (failure) {
      this.calls.push({ chatId, card, uuid, at, result: 'failed' });
      return { ok: false, error: failure };
    }
    const known = this.uuids.get(uuid);
    if (known && at - known.at < 3_600_000) {
      this.calls.push({ chatId, card, uuid, at, result: 'deduplicated' });
      return { ok: true, messageId: known.messageId };
    }
    this.counter += 1;
    const message = { messageId: `om_fake_${this.counter}`, chatId, card, uuid, at };
    this.delivered.push(message);
    this.uuids.set(uuid, message);
    this.calls.push({ chatId, card, uuid, at, result: 'delivered' });
    return { ok: true, messageId: message.messageId };
  }

  /** Messages that landed in a chat. */
  in(chatId: string): DeliveredMessage[] {
    return this.delivered.filter((message) => message.chatId === chatId);
  }
}

/** A settable clock; a sleep moves it forward instead of waiting. */
export class ManualClock implements Clock {
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }
  set(time: number): void {
    this.time = time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** The header title of a card (what tests look at). */
export function cardTitle(card: CardJson): string {
  const header = card.header as { title?: { content?: string } } | undefined;
  return header?.title?.content ?? '';
}

/** All text of a card, for `toContain` checks. */
export function cardText(card: CardJson): string {
  return JSON.stringify(card);
}
