/**
 * The one line a progress bar redraws at the bottom of a terminal (stderr). Log lines are written
 * above it: the bar is wiped, the line written, the bar drawn again, so neither breaks the other.
 */
export interface StatusLine {
  /** Draws (or redraws) the bar; `done` ends it with a newline so the next output starts below. */
  draw(text: string, done?: boolean): void;
  /** Writes whole lines above the bar. */
  writeAbove(write: () => void): void;
}

const CLEAR = '\r\x1b[K';

/** The status line of a stream (stderr by default); on a non-terminal it only passes writes through. */
export function createStatusLine(stream: NodeJS.WriteStream = process.stderr): StatusLine {
  let shown = '';
  return {
    draw(text, done = false) {
      if (!stream.isTTY) return;
      stream.write(`${CLEAR}${text}${done ? '\n' : ''}`);
      shown = done ? '' : text;
    },
    writeAbove(write) {
      if (shown === '' || !stream.isTTY) return write();
      stream.write(CLEAR);
      write();
      stream.write(shown);
    },
  };
}

/** The process's stderr status line, shared by the progress bar and the logger. */
export const stderrStatus: StatusLine = createStatusLine();
