import type { Calendar } from '../calendar/types.js';
import { deliveryUuid, keyString, type DeliveryKey } from '../delivery/delivery-key.js';
import type { Ledger, SkipReason } from '../delivery/ledger.js';
import { candidatesBetween, type ScheduleOptions } from './candidates.js';
import type { OutgoingMessage } from './messages.js';
import { isOver } from './occurrences.js';

/** A send to make now. */
export interface DueSend {
  key: DeliveryKey;
  uuid: string;
  scheduledAt: number;
  /** Later than the grace period: the card says it is a catch-up send. */
  late: boolean;
  /** Which attempt this is (1 for the first). */
  attempt: number;
  message: OutgoingMessage;
}

/** A send that will not happen, to be logged once. */
interface DueSkip {
  key: DeliveryKey;
  uuid: string;
  scheduledAt: number;
  reason: SkipReason;
}

interface DuePlan {
  sends: DueSend[];
  skips: DueSkip[];
}

export interface DueOptions extends ScheduleOptions {
  /** How late a missed send may still go out (REMINDER_CATCH_UP_HOURS, default 6 h). */
  catchUpMs: number;
  /** Sends later than this carry a catch-up note (the scheduler ticks every minute). */
  graceMs?: number | undefined;
  /** The end of the last completed tick: sends between it and the catch-up window were missed. */
  since?: number | undefined;
  /** Attempts after which a non-retryable failure is given up (default 3). */
  maxRejections?: number;
}

/** Wait before retrying a failed send: 1, 2, 4 … minutes, at most 15. */
function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/**
 * All the time logic of reminders, as a pure function of the calendar, the send log and the time.
 * A send scheduled within the catch-up window and not yet on record as sent or skipped is due (late
 * ones carry a note); an unconfirmed attempt (crash between send and log) is due again at once with the
 * same uuid; a failure is retried with backoff; anything older than the window, or reminding of
 * something that has already happened, is skipped once, with its reason. 待定 entries never produce
 * sends; paused entries produce skips.
 */
export function due(calendar: Calendar, ledger: Ledger, now: number, options: DueOptions): DuePlan {
  const graceMs = options.graceMs ?? 5 * 60_000;
  const maxRejections = options.maxRejections ?? 3;
  const catchUpStart = now - options.catchUpMs;
  const from = Math.min(options.since ?? catchUpStart, catchUpStart);
  const plan: DuePlan = { sends: [], skips: [] };
  const seen = new Set<string>();
  for (const candidate of candidatesBetween(calendar, from, now, options)) {
    const id = keyString(candidate.key);
    seen.add(id);
    const record = ledger.get(id);
    if (record?.status === 'sent' || record?.status === 'skipped') continue;
    const base = { key: candidate.key, uuid: deliveryUuid(candidate.key), scheduledAt: candidate.scheduledAt };
    if (candidate.paused) plan.skips.push({ ...base, reason: 'paused' });
    else if (candidate.scheduledAt <= catchUpStart) plan.skips.push({ ...base, reason: record ? 'gave-up' : 'missed' });
    else if (candidate.message.type === 'reminder' && isOver(candidate.message.occurrence, now - graceMs, options.timeZone))
      plan.skips.push({ ...base, reason: 'expired' });
    else if (record?.status === 'failed' && !record.retryable && record.attempts >= maxRejections)
      plan.skips.push({ ...base, reason: 'rejected' });
    else if (record?.status === 'failed' && now < (record.lastAttemptAt ?? 0) + retryDelayMs(record.attempts)) continue;
    else {
      plan.sends.push({
        ...base,
        late: now - candidate.scheduledAt > graceMs,
        attempt: (record?.attempts ?? 0) + 1,
        message: candidate.message,
      });
    }
  }
  for (const [id, record] of ledger) {
    if (seen.has(id) || record.status === 'sent' || record.status === 'skipped') continue;
    if (record.scheduledAt > catchUpStart) continue;
    plan.skips.push({ key: record.key, uuid: deliveryUuid(record.key), scheduledAt: record.scheduledAt, reason: 'gave-up' });
  }
  return plan;
}
