import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEPT = 200;

/** Lines typed in earlier sessions, newest first (readline's `history` order); none when the file is missing. */
export function readHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-KEPT)
      .reverse();
  } catch {
    return [];
  }
}

/** Appends one typed line, so the arrow keys bring it back in the next session too. */
export function appendHistory(file: string, line: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${line.replace(/\n/g, ' ')}\n`);
  } catch {
    // history is a convenience: a read-only DATA_DIR must not stop the chat
  }
}
