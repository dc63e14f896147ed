// The files that wire the program together (issue 15 names them), with their line counts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTypeScriptFiles } from './program.js';

const WIRING_FILES = [
  'src/main.ts',
  'src/cli/runtime.ts',
  'src/cli/postgres-serving.ts',
  'src/cli/shared-stores.ts',
  'src/cli/build-with-progress.ts',
  'src/cli/run-cli.ts',
  'src/cli/commands/reminders-cli.ts',
  'src/lark/start-bot.ts',
  'src/lark/bot.ts',
  'src/reminders/reminders.ts',
];

/** Each wiring file that exists (the fixed list plus everything under src/app/) and its lines. */
export function measureWiring(root: string): { file: string; lines: number }[] {
  const appFiles = listTypeScriptFiles(join(root, 'src/app')).map((path) => path.slice(root.length + 1));
  return [...WIRING_FILES, ...appFiles.sort()]
    .filter((file) => existsSync(join(root, file)))
    .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1 }));
}
