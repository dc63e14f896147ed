import { compactForm } from '../../text/index.js';

/** Says whether model output leaks what must stay private (prompts, configuration, keys). */
export type OutputGuard = (text: string) => boolean;

/** Length of a quoted stretch that counts as a leak. */
const LEAK_WINDOW = 14;
const STEP = 3;
/** Characters of a leak that can go unnoticed: partial text holds back at least this many. */
export const UNDETECTED_LEAK_CHARS = LEAK_WINDOW + STEP - 1;

function windowsOf(text: string, into: Set<string>, step: number): void {
  const compact = compactForm(text);
  for (let start = 0; start + LEAK_WINDOW <= compact.length; start += step) into.add(compact.slice(start, start + LEAK_WINDOW));
}

/**
 * A guard against prompt injection that succeeded: output quoting 16 characters or more of our
 * instructions, or of a secret (API key, endpoint), is never shown, markers woven in or not.
 */
export function createOutputGuard(instructions: string[], secrets: string[] = []): OutputGuard {
  const windows = new Set<string>();
  // Placeholders are filled with passages and questions, which answers may legitimately repeat.
  for (const instruction of instructions) {
    for (const piece of instruction.split(/\{\{[^}]*\}\}/)) windowsOf(piece, windows, STEP);
  }
  for (const secret of secrets) windowsOf(secret, windows, 1);
  const shortSecrets = secrets.map(compactForm).filter((secret) => secret.length >= 6 && secret.length < LEAK_WINDOW);
  // Instruction windows start every STEP characters, so any quoted stretch of LEAK_WINDOW + STEP - 1
  // characters contains one; the text is scanned once per position, linear in its length.
  return (text) => {
    const compact = compactForm(text).replace(/\[\d+\]/g, '');
    if (shortSecrets.some((secret) => compact.includes(secret))) return true;
    for (let start = 0; start + LEAK_WINDOW <= compact.length; start += 1) {
      if (windows.has(compact.slice(start, start + LEAK_WINDOW))) return true;
    }
    return false;
  };
}
