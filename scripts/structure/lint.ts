// Lint findings through ESLint's own API, once the tree has an eslint.config.js (the base commit has none).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Errors and warnings in total and per rule; undefined when the tree has no ESLint config. */
export interface LintCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly byRule: Readonly<Record<string, number>>;
}

/** Lints the tree as `npm run lint` does and counts what it reports. */
export async function measureLint(root: string): Promise<LintCounts | undefined> {
  if (!existsSync(join(root, 'eslint.config.js'))) return undefined;
  const { ESLint } = await import('eslint');
  const results = await new ESLint({ cwd: root }).lintFiles(['.']);
  const byRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    for (const message of result.messages) byRule[message.ruleId ?? '(parse)'] = (byRule[message.ruleId ?? '(parse)'] ?? 0) + 1;
  }
  return { errors, warnings, byRule };
}
