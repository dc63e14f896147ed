// Request/answer over IPC between a test and the scheduler processes it forks: the test side
// (`forkInstance`) and the child side (`serveRequests`), shared by the reminders' and notices' suites.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../support/cli.js';

/** One forked process: `request` resolves with its answer, or 'dead' once it has exited. */
export interface Instance<Answer> {
  child: ChildProcess;
  alive: boolean;
  exited: Promise<void>;
  request(message: Record<string, unknown>): Promise<Answer | 'dead'>;
}

/** Forks `script` (under test/e2e/multi-instance/support) through tsx and resolves once it says it is ready. */
export function forkInstance<Answer>(script: string, index: number, environment: Record<string, string>): Promise<Instance<Answer>> {
  const child = fork(join(PROJECT_ROOT, 'test/e2e/multi-instance/support', script), [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...environment, INSTANCE_NAME: `instance-${index}`, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (answer: Answer | 'dead') => void>();
  const instance: Instance<Answer> = {
    child,
    alive: true,
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
    request(message) {
      if (!instance.alive) return Promise.resolve('dead');
      next += 1;
      const id = next;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.send({ ...message, id });
      });
    },
  };
  void instance.exited.then(() => {
    instance.alive = false;
    for (const resolve of pending.values()) resolve('dead');
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; id?: number }) => {
      if (message.type === 'ready') resolve(instance);
      else if (message.id !== undefined) pending.get(message.id)?.(message as Answer);
    });
    child.once('exit', (code) => reject(new Error(`instance ${index} exited (${code}) before it was ready`)));
  });
}

/**
 * The child side: answers each request with `handle`'s result (or its error's message), closes with
 * `close` when the test disconnects, and says it is ready.
 */
export function serveRequests<Request extends { id: number }>(
  handle: (message: Request) => Promise<Record<string, unknown>>,
  close: () => Promise<void>,
): void {
  process.on('message', (message: Request) => {
    handle(message).then(
      (answer) => process.send?.({ id: message.id, ...answer }),
      (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => {
    void close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready' });
}
