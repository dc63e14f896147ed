import { stderrStatus, type StatusLine } from '../log/index.js';

/** A one-line progress bar on stderr (redrawn in a terminal, below any log lines; plain lines otherwise). */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
  status: StatusLine = stderrStatus,
): (label: string, done: number, total: number) => void {
  let lastLine = '';
  let lastLabel = '';
  return (label, done, total) => {
    const newStage = label !== lastLabel;
    lastLabel = label;
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line === lastLine) return;
    lastLine = line;
    if (stream.isTTY) status.draw(line, done >= total);
    else if (done === total || newStage || label === 'embedding' || label === '识别文字') stream.write(`${line}\n`);
  };
}
