import type { EventDispatcher, LarkChannel } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../log/index.js';
import type { TaskSet } from './answering/task-set.js';
import type { GuardedChannel } from './safety/index.js';

/** Connecting, draining and closing the bot, in the order the SDK and the stores need. */
export interface BotLifecycle {
  readonly connected: boolean;
  connect(): Promise<void>;
  settled(): Promise<void>;
  close(timeoutMs?: number): Promise<void>;
}

/**
 * `connect` fetches the bot identity (the Channel registers its handlers), then puts ours in place of
 * the Channel's card callback and conversation events (its bot-added handler only calls a hook we do
 * not set). `close` stops taking events, lets answers in flight finish, disconnects, closes the stores.
 */
export function botLifecycle(deps: {
  guarded: GuardedChannel;
  tasks: TaskSet;
  /** Our handlers by event key, registered once the Channel's are (card callback, lifecycle events). */
  handlers: () => Record<string, (data: unknown) => unknown>;
  closeStores: () => Promise<unknown>;
  logger: Logger;
  /** Logged once connected (mode, card mode). */
  describe: (channel: LarkChannel) => Record<string, unknown>;
}): BotLifecycle {
  const { guarded, tasks, logger } = deps;
  let connected = false;
  const replaceHandlers = (dispatcher: EventDispatcher): void => {
    const handlers = deps.handlers();
    dispatcher.unregister(...Object.keys(handlers));
    dispatcher.register(handlers);
  };
  return {
    get connected() {
      return connected;
    },
    async connect() {
      await guarded.channel.connect();
      replaceHandlers(guarded.inner);
      connected = true;
      logger.info('lark.connected', deps.describe(guarded.channel));
    },
    async settled() {
      await tasks.drain();
    },
    async close(timeoutMs = 10_000) {
      connected = false;
      guarded.stop();
      await tasks.drain(timeoutMs);
      // Disconnecting flushes the SDK's per-chat queues, which may start a last few answers.
      await guarded.channel.disconnect();
      if (!(await tasks.drain(timeoutMs))) logger.warn('lark.shutdown_with_answers_in_flight', { count: tasks.size });
      await deps.closeStores();
    },
  };
}
