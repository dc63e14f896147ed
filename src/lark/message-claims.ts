import { withRequestFields, type Logger } from '../log/index.js';
import { incomingMessageSchema, type IncomingMessage } from './incoming-message.js';
import type { DedupeStore } from './store/dedupe-store.js';
import type { TaskSet } from './task-set.js';

/** What handling one message returns: the handlers are done, `finished` settles when the answer is sent. */
export type HandleMessage = (message: IncomingMessage) => Promise<{ finished: Promise<void> }>;

export interface MessageClaims {
  /** Claims and handles a delivered message; a message another instance claimed is dropped. */
  onMessage(message: IncomingMessage): Promise<void>;
  stop(): void;
}

/**
 * Exactly-once handling across instances: a message is claimed for this instance first, another
 * instance that got the same event (cluster re-delivery) finds the claim and drops it. The claim is a
 * lease until the answer is sent, then kept as done for the dedup TTL. If this process dies
 * mid-answer the lease runs out and another instance's sweep takes the work over; the reply's uuid
 * comes from the message id, so the platform keeps it to one reply.
 */
export function createMessageClaims(deps: {
  dedupe: DedupeStore;
  tasks: TaskSet;
  logger: Logger;
  handle: HandleMessage;
  leaseMs: number;
  doneTtlMs: number;
  /** 0 = no sweeping (single instance: nobody else could take work over). */
  sweepIntervalMs: number;
  /** Whether this instance takes events now (not before connecting, not while closing). */
  active: () => boolean;
}): MessageClaims {
  const { dedupe, tasks, logger } = deps;

  /** Marks the claim done once the answer is sent (in the background: the chat's queue moves on). */
  const completeWhenFinished = (key: string, finished: Promise<void>): void => {
    tasks.run(async () => {
      await finished;
      await dedupe.complete(key, deps.doneTtlMs);
    });
  };

  const sweep = async (): Promise<void> => {
    for (const claim of await dedupe.takeAbandoned(deps.leaseMs, 10)) {
      const parsed = incomingMessageSchema.safeParse(claim.payload);
      if (!parsed.success) {
        await dedupe.complete(claim.key, deps.doneTtlMs);
        continue;
      }
      const message: IncomingMessage = parsed.data;
      logger.warn('lark.taking_over', { messageId: message.messageId, attempts: claim.attempts });
      tasks.run(() =>
        withRequestFields({ requestId: message.messageId }, async () => {
          const { finished } = await deps.handle(message);
          completeWhenFinished(claim.key, finished);
        }),
      );
    }
  };
  const timer =
    deps.sweepIntervalMs > 0
      ? setInterval(() => {
          if (deps.active()) sweep().catch((error: unknown) => logger.error('lark.sweep_failed', { error }));
        }, deps.sweepIntervalMs)
      : undefined;
  timer?.unref();

  return {
    async onMessage(message) {
      const key = `message:${message.messageId}`;
      if (!(await dedupe.claim(key, deps.leaseMs, message))) {
        logger.debug('lark.claimed_elsewhere', { messageId: message.messageId });
        return;
      }
      const { finished } = await deps.handle(message);
      completeWhenFinished(key, finished);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
