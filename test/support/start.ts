import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT, type CliRun } from './cli.js';

/** Runs `npm start` (src/main.ts through tsx) in console mode: `input` is typed into the chat, then stdin closes. */
export function runStart(env: Record<string, string>, input = '/quit\n'): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')],
      // no Feishu settings: the console chat opens
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', ENV_FILE: 'none', LARK_APP_ID: '', LARK_APP_SECRET: '', ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
