import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** What `loadEnvFile` did, for a start-up line and tests. */
interface EnvFileResult {
  /** The file read, or undefined when there was none (or ENV_FILE=none). */
  file: string | undefined;
  /** Variables taken from the file (those already in the environment are kept as they are). */
  applied: string[];
}

/**
 * Reads `.env` (or the file ENV_FILE names; `ENV_FILE=none` reads nothing) into the environment before
 * the settings are parsed, for `npm start` and the CLI alike. Variables already set win, as with
 * docker compose and dotenv, so `LOG_LEVEL=debug npm start` still overrides the file. Parsing is Node's
 * own `util.parseEnv` (the `--env-file` syntax: comments, quotes, `export` prefixes).
 */
export function loadEnvFile(environment: NodeJS.ProcessEnv = process.env): EnvFileResult {
  const named = environment.ENV_FILE?.trim();
  if (named === 'none') return { file: undefined, applied: [] };
  const file = named && named !== '' ? named : '.env';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // a missing default .env is normal; a missing file someone named is a mistake worth stopping on
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && file === '.env') return { file: undefined, applied: [] };
    throw error;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (environment[name] !== undefined) continue;
    environment[name] = value;
    applied.push(name);
  }
  return { file, applied };
}
