import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The prompt files and the named placeholders each must contain (and may only contain). */
const PROMPT_SPECS = {
  system: { file: 'system.txt', placeholders: ['refusal'] },
  answer: { file: 'answer.txt', placeholders: ['passages', 'question'] },
  rewrite: { file: 'rewrite.txt', placeholders: ['history', 'question'] },
  refusal: { file: 'refusal.txt', placeholders: ['signal'] },
} as const;

/** The name of one prompt template. */
type PromptName = keyof typeof PROMPT_SPECS;

/** The loaded, validated templates; admins tune their wording in `prompts/` without touching code. */
export type PromptTemplates = Record<PromptName, string>;

/** A prompt file that cannot be used; raised at start-up, every problem named with its file. */
export class PromptTemplateError extends Error {
  override readonly name = 'PromptTemplateError';
  constructor(readonly problems: string[]) {
    super(`Invalid prompt templates:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/** Names of the placeholders a template uses. */
function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** Reads and checks every template; a missing file or placeholder stops the start. */
export function loadPrompts(directory: string): PromptTemplates {
  const problems: string[] = [];
  const read = (name: PromptName): string => {
    const { file, placeholders } = PROMPT_SPECS[name];
    const path = join(directory, file);
    if (!existsSync(path)) {
      problems.push(`${path}: file is missing`);
      return '';
    }
    const template = readFileSync(path, 'utf8').trim();
    const used = placeholdersOf(template);
    const expected: readonly string[] = placeholders;
    for (const missing of expected.filter((placeholder) => !used.includes(placeholder))) {
      problems.push(`${path}: missing placeholder {{${missing}}}`);
    }
    for (const unknown of used.filter((placeholder) => !expected.includes(placeholder))) {
      problems.push(`${path}: unknown placeholder {{${unknown}}} (allowed: ${expected.map((p) => `{{${p}}}`).join(', ')})`);
    }
    return template;
  };
  const templates: PromptTemplates = { system: read('system'), answer: read('answer'), rewrite: read('rewrite'), refusal: read('refusal') };
  if (problems.length > 0) throw new PromptTemplateError(problems);
  return templates;
}

/**
 * Fills placeholders in one pass: inserted text (passages, questions) is never scanned again,
 * so a document or question containing `{{question}}` cannot inject into the template.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
