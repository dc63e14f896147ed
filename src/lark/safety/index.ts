import type { Cache, EventDispatcher, LarkChannel } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import type { TaskSet } from '../answering/task-set.js';
import type { Clock } from '../../clock/index.js';
import type { DedupeStore } from '../store/dedupe-store.js';
import { createChannelCache } from './channel-cache.js';
import { channelDispatcher } from './channel-dispatcher.js';
import { createMessageClaims, messageIdOf } from './message-claims.js';
import { startSweep } from './sweep.js';

/** The SDK Channel behind our inbound safety: what the transports feed and what the handlers report back. */
export interface GuardedChannel {
  readonly channel: LarkChannel;
  /** The SDK's dispatcher, for registering our own card and lifecycle handlers. */
  readonly inner: EventDispatcher;
  /** What the transports feed: messages are claimed before the Channel sees them. */
  readonly dispatcher: EventDispatcher;
  /** A message needs nothing more once `finished` settles: its claim becomes a done mark. */
  finished(messageId: string, finished: Promise<void>): void;
  stop(): void;
}

/**
 * Every inbound dedup in one place, over one DedupeStore (seen.ts): the Channel is opened with our
 * cache (its "seen" of card actions and reactions), messages are claimed in front of it, and the sweep
 * takes over claims a dead instance left behind.
 */
export function guardChannel(deps: {
  open: (cache: Cache) => LarkChannel;
  dedupe: DedupeStore;
  clock: Clock;
  tasks: TaskSet;
  logger: Logger;
  leaseMs: number;
  doneTtlMs: number;
  /** 0 = no sweeping. */
  sweepIntervalMs: number;
  active: () => boolean;
}): GuardedChannel {
  const { dedupe, leaseMs, doneTtlMs, logger } = deps;
  const channel = deps.open(createChannelCache({ dedupe, seenLeaseMs: leaseMs, clock: deps.clock }));
  const inner = channelDispatcher(channel);
  const claims = createMessageClaims({ dispatcher: inner, dedupe, tasks: deps.tasks, logger, leaseMs, doneTtlMs });
  const stopSweep = startSweep({
    dedupe,
    leaseMs,
    doneTtlMs,
    intervalMs: deps.sweepIntervalMs,
    active: deps.active,
    messageIdOf,
    redeliver: claims.redeliver,
    logger,
  });
  return {
    channel,
    inner,
    dispatcher: claims.dispatcher,
    finished: claims.finished,
    stop() {
      stopSweep();
      claims.stop();
    },
  };
}

export { createChannelCache, SEEN_NAMESPACE } from './channel-cache.js';
