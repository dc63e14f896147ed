import { deliveryUuid, keyString, type CardJson, type DeliveryKey, type Ledger, type SkipReason } from '../reminders/index.js';
import type { MatchDocument } from '../match/index.js';
import { expiryCard, noticeOf } from './expiry-card.js';
import type { NoticesState } from './notices-state.js';
import { policyCard } from './policy-card.js';
import { selectMeasures } from './select-measures.js';

/** Everything one tick decides from: the served documents, the admins' state, and what each chat asked. */
export interface NoticeInput {
  documents: MatchDocument[];
  state: NoticesState;
  /** The questions a chat asked before (newest first), for choosing the measures its card shows. */
  questions: ReadonlyMap<string, string[]>;
  adminChats: readonly string[];
  /** This week's expiry slot when it has come (the cron's last time within the past week). */
  expirySlot?: { week: string; at: number } | undefined;
  now: number;
}

/** One card to post, under its delivery key. */
export interface NoticeSend {
  key: DeliveryKey;
  uuid: string;
  scheduledAt: number;
  card: CardJson;
}

/** A send given up on for good (it failed in a way retrying cannot fix, or too often). */
interface NoticeSkip {
  key: DeliveryKey;
  uuid: string;
  scheduledAt: number;
  reason: SkipReason;
}

/** The entry of a new-policy card in the send log: calendar ids cannot start with #, so they never collide. */
export function policyEntry(source: string): string {
  return `#policy:${source}`;
}

/** The entry of the weekly expiry card in the send log. */
export const EXPIRY_ENTRY = '#expiry';

const MAX_ATTEMPTS = 5;

type Decision = 'send' | 'done' | 'give-up' | 'rejected';

function decide(ledger: Ledger, key: DeliveryKey): Decision {
  const entry = ledger.get(keyString(key));
  if (!entry) return 'send';
  if (entry.status === 'sent' || entry.status === 'skipped') return 'done';
  if (entry.status === 'failed' && entry.retryable === false) return 'rejected';
  return entry.attempts >= MAX_ATTEMPTS ? 'give-up' : 'send';
}

/**
 * What is due now: one new-policy card per document a subscribed chat did not have when it subscribed,
 * and, once this week's slot has come, one expiry card per admin chat when something expires. A key the
 * send log has as sent (or given up) is never due again; an unconfirmed attempt is sent again with the
 * same uuid, which the platform turns into the first message.
 */
export function noticePlan(input: NoticeInput, ledger: Ledger): { sends: NoticeSend[]; skips: NoticeSkip[] } {
  const sends: NoticeSend[] = [];
  const skips: NoticeSkip[] = [];
  const consider = (key: DeliveryKey, scheduledAt: number, card: () => CardJson): void => {
    const uuid = deliveryUuid(key);
    const decision = decide(ledger, key);
    if (decision === 'send') sends.push({ key, uuid, scheduledAt, card: card() });
    else if (decision !== 'done') skips.push({ key, uuid, scheduledAt, reason: decision === 'rejected' ? 'rejected' : 'gave-up' });
  };
  const today = new Date(input.now);
  for (const [chat, subscription] of Object.entries(input.state.subscriptions)) {
    const known = new Set(subscription.known);
    const since = Date.parse(subscription.at);
    for (const document of input.documents.filter((candidate) => !known.has(candidate.source))) {
      const questions = input.questions.get(chat) ?? [];
      consider({ entry: policyEntry(document.source), occurrence: 'new', chat }, since, () =>
        policyCard(document, selectMeasures(document.measures.measures, questions), today),
      );
    }
  }
  const slot = input.expirySlot;
  if (slot) {
    const notice = noticeOf(input.documents, input.state, today);
    if (notice.expiring.length + notice.expired.length > 0) {
      for (const chat of input.adminChats)
        consider({ entry: EXPIRY_ENTRY, occurrence: slot.week, chat }, slot.at, () => expiryCard(notice, slot.week));
    }
  }
  return { sends, skips };
}
