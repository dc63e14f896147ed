import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import type { TaskSet } from '../answering/task-set.js';
import type { DedupeStore } from '../store/dedupe-store.js';
import { createLeaseKeeper } from './lease-keeper.js';
import { seenKey } from './seen.js';

interface MessageClaims {
  /** The dispatcher the transports feed: claims each message event before the SDK sees (and acknowledges) it. */
  readonly dispatcher: EventDispatcher;
  /** The message's answer is sent (or it needed none): refuse re-deliveries for the dedup TTL. */
  finished(messageId: string, finished: Promise<void>): void;
  /** Dispatches a claim taken over from a dead instance again (the sweep's hand-over). */
  redeliver(key: string, payload: unknown): void;
  stop(): void;
}

/** The message id of an `im.message.receive_v1` delivery (webhook body or long-connection frame). */
export function messageIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const event: unknown = Reflect.get(payload, 'event') ?? payload;
  const message: unknown = typeof event === 'object' && event !== null ? Reflect.get(event, 'message') : undefined;
  const id: unknown = typeof message === 'object' && message !== null ? Reflect.get(message, 'message_id') : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Exactly-once handling across instances. A message event is claimed before it is dispatched, so
 * before the platform gets its acknowledgement: an instance that dies after acknowledging still left
 * a claim (with the event) behind. Another instance given the same event (cluster re-delivery) finds
 * the claim and only acknowledges. The claim is a lease, renewed while this instance works on it (so a
 * live instance's question is never taken over), until the answer is sent, then kept as done for
 * the dedup TTL; a lease that runs out (the process died mid-answer) is taken over by another
 * instance's sweep (sweep.ts), which hands the stored event to `redeliver`. Replies carry a uuid
 * derived from the message id, so a takeover after the first reply still shows the user one reply.
 *
 * The front is the SDK's own dispatcher with `invoke` replaced (prototype delegation, so `register`
 * and the rest are the SDK's public methods): the WSClient only accepts an EventDispatcher.
 */
export function createMessageClaims(deps: {
  dispatcher: EventDispatcher;
  dedupe: DedupeStore;
  tasks: TaskSet;
  logger: Logger;
  leaseMs: number;
  doneTtlMs: number;
}): MessageClaims {
  const { dedupe, tasks, logger } = deps;
  // a claim held by this live instance is renewed until its answer is sent (`finished`), queued or
  // not: only a dead instance's claims run out and are taken over
  const leases = createLeaseKeeper({ dedupe, leaseMs: deps.leaseMs, logger });
  const invokeClaimed = async (key: string, payload: unknown, params?: { needCheck?: boolean }): Promise<unknown> => {
    leases.keep(key);
    try {
      return await deps.dispatcher.invoke(payload, params);
    } catch (error) {
      // not handled here: the lease runs out and the event can be taken again
      leases.release(key);
      throw error;
    }
  };
  const claimThenInvoke = async (payload: unknown, params?: { needCheck?: boolean }): Promise<unknown> => {
    const messageId = messageIdOf(payload);
    if (!messageId) return deps.dispatcher.invoke(payload, params);
    if (!(await dedupe.claim(seenKey.message(messageId), deps.leaseMs, payload))) {
      logger.debug('lark.claimed_elsewhere', { messageId });
      return {};
    }
    return invokeClaimed(seenKey.message(messageId), payload, params);
  };

  return {
    dispatcher: Object.create(deps.dispatcher, { invoke: { value: claimThenInvoke } }) as EventDispatcher,
    finished(messageId, finished) {
      const key = seenKey.message(messageId);
      leases.keep(key);
      tasks.run(async () => {
        try {
          await finished;
          await dedupe.complete(key, deps.doneTtlMs);
        } finally {
          leases.release(key);
        }
      });
    },
    redeliver(key, payload) {
      tasks.run(async () => {
        await invokeClaimed(key, payload, { needCheck: false });
      });
    },
    stop() {
      leases.stop();
    },
  };
}
