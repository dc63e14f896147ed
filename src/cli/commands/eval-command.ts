import { readFileSync } from 'node:fs';
import type { Logger } from '../../log/index.js';
import {
  evalItemSchema,
  failureReason,
  formatKindRows,
  scoreOutcome,
  summarize,
  summarizeByKind,
  type EvalItem,
  type EvalOutcome,
  type EvalSummary,
} from '../eval-metrics.js';
import type { Runtime } from '../../app/index.js';

type Mode = 'llm' | 'extractive';

/** One mode's scores: what `eval` prints per mode. */
interface ModeReport {
  mode: Mode;
  model?: string;
  summary: EvalSummary;
  outcomes: EvalOutcome[];
  failures: string[];
}

function readItems(file: string, logger: Logger): EvalItem[] {
  const items: EvalItem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const parsed = evalItemSchema.safeParse(JSON.parse(line));
      if (parsed.success) items.push(parsed.data);
      else logger.warn('eval.malformed', { file, line: index + 1, reason: parsed.error.message });
    });
  return items;
}

async function evaluate(runtime: Runtime, items: EvalItem[], mode: Mode): Promise<ModeReport> {
  const service = await runtime.answerService();
  const outcomes: EvalOutcome[] = [];
  const failures: string[] = [];
  for (const item of items) {
    const result = await service.ask({ id: item.id, question: item.question, mode });
    const outcome = scoreOutcome(item, result);
    outcomes.push(outcome);
    const reason = failureReason(outcome);
    const note = result.notes.length > 0 ? `\n    notes: ${result.notes.join(' ')}` : '';
    if (reason) failures.push(`${item.id} ${item.question}\n    ${reason}\n    answer: ${result.answer.slice(0, 160)}${note}`);
  }
  return {
    mode,
    ...(mode === 'llm' && runtime.llmModel ? { model: runtime.llmModel } : {}),
    summary: summarize(outcomes),
    outcomes,
    failures,
  };
}

/**
 * `eval --file FILE`: scores retrieval, answers and refusals, and lists the failures; with a chat
 * model configured it scores both modes (or the one `--mode` names).
 */
export async function evalCommand(runtime: Runtime, logger: Logger, file: string, json: boolean, only?: Mode): Promise<number> {
  const items = readItems(file, logger);
  const modes: Mode[] = only ? [only] : runtime.llmModel ? ['extractive', 'llm'] : ['extractive'];
  for (const mode of modes) {
    const report = await evaluate(runtime, items, mode);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ mode, ...(report.model ? { model: report.model } : {}), summary: report.summary, kinds: summarizeByKind(report.outcomes), outcomes: report.outcomes })}\n`,
      );
      continue;
    }
    const title = report.model ? `mode: ${mode} (${report.model})` : `mode: ${mode}`;
    process.stdout.write(
      `${title}\n${Object.entries(report.summary)
        .map(([key, value]) => `${key.padEnd(24)} ${value}`)
        .join('\n')}\n`,
    );
    process.stdout.write(`\nper kind:\n${formatKindRows(summarizeByKind(report.outcomes))}\n`);
    process.stdout.write(
      report.failures.length > 0 ? `\nfailures (${report.failures.length}):\n${report.failures.join('\n')}\n` : '\nno failures\n',
    );
    if (mode !== modes.at(-1)) process.stdout.write('\n');
  }
  return 0;
}
