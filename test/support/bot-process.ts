import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from './cli.js';
import { WebhookClient, webhookEnvironment, type FakeFeishu } from './fake-feishu/index.js';

/** `src/main.ts` in a process of its own, in webhook mode against the fake platform. */
export interface BotProcess {
  child: ChildProcess;
  webhook: WebhookClient;
  alive: boolean;
  stderr: string[];
  /** SIGTERM and wait for the exit (nothing when it already died). */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the bot as `npm start` does, with `environment` on top of the fake's settings; resolves once it listens. */
export async function startBotProcess(
  fake: FakeFeishu,
  secrets: { encryptKey: string; verificationToken: string },
  environment: Record<string, string>,
): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ENV_FILE: 'none',
      ...webhookEnvironment(fake, secrets),
      LARK_RATE_LIMIT_PER_MINUTE: '1000',
      PORT: String(port),
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bot: BotProcess = {
    child,
    webhook: new WebhookClient(`http://127.0.0.1:${port}/webhook/event`, secrets),
    alive: true,
    stderr: [],
    async stop() {
      if (!bot.alive) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
  child.stderr?.setEncoding('utf8');
  const listening = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (text: string) => {
      bot.stderr.push(text);
      if (text.includes('is listening for Feishu/Lark events')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it listened: ${bot.stderr.join('')}`)));
  });
  child.once('exit', () => (bot.alive = false));
  await listening;
  return bot;
}
