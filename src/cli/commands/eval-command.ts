import { readFileSync } from 'node:fs';
import type { Logger } from '../../log/index.js';
import { evalItemSchema, failureReason, scoreOutcome, summarize, type EvalItem, type EvalOutcome } from '../eval-metrics.js';
import type { Runtime } from '../runtime.js';

/** `eval --file FILE`: scores retrieval, answers and refusals, and lists the failures. */
export async function evalCommand(runtime: Runtime, logger: Logger, file: string, json: boolean): Promise<number> {
  const items: EvalItem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const parsed = evalItemSchema.safeParse(JSON.parse(line));
      if (parsed.success) items.push(parsed.data);
      else logger.warn('eval.malformed', { file, line: index + 1, reason: parsed.error.message });
    });
  const ask = await runtime.asker();
  const outcomes: EvalOutcome[] = [];
  const failures: string[] = [];
  for (const item of items) {
    const result = await ask({ id: item.id, question: item.question });
    const outcome = scoreOutcome(item, result);
    outcomes.push(outcome);
    const reason = failureReason(outcome);
    if (reason) failures.push(`${item.id} ${item.question}\n    ${reason}\n    answer: ${result.answer.slice(0, 160)}`);
  }
  const summary = summarize(outcomes);
  if (json) {
    process.stdout.write(`${JSON.stringify({ mode: 'extractive', summary, outcomes })}\n`);
  } else {
    process.stdout.write(`mode: extractive\n${Object.entries(summary).map(([key, value]) => `${key.padEnd(24)} ${value}`).join('\n')}\n`);
    process.stdout.write(failures.length > 0 ? `\nfailures (${failures.length}):\n${failures.join('\n')}\n` : '\nno failures\n');
  }
  return 0;
}
