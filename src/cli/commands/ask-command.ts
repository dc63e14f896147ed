import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Logger } from '../../log/index.js';
import { formatAnswer } from '../format-answer.js';
import type { Runtime } from '../../app/index.js';

const batchLine = z.object({ id: z.union([z.string(), z.number()]).transform(String), question: z.string() });

/** The flags of `ask`. */
interface AskFlags {
  json: boolean;
  batch?: string | undefined;
  question?: string;
  /** `--mode`: forces the LLM or the extractive answerer. */
  mode?: 'llm' | 'extractive' | undefined;
}

/** `ask`: one question (readable or --json), or a JSONL batch written one JSON object per line. */
export async function askCommand(runtime: Runtime, logger: Logger, flags: AskFlags): Promise<number> {
  const service = await runtime.answerService();
  const mode = flags.mode ? { mode: flags.mode } : {};
  if (flags.batch) {
    const lines = createInterface({ input: createReadStream(flags.batch, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let parsed: z.infer<typeof batchLine>;
      try {
        parsed = batchLine.parse(JSON.parse(line));
      } catch (error) {
        logger.warn('ask.batch.malformed', { line: lineNumber, reason: (error as Error).message });
        process.stdout.write(`${JSON.stringify({ line: lineNumber, error: 'malformed line: expected {"id", "question"}' })}\n`);
        continue;
      }
      try {
        process.stdout.write(`${JSON.stringify(await service.ask({ id: parsed.id, question: parsed.question, ...mode }))}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ id: parsed.id, question: parsed.question, error: (error as Error).message })}\n`);
      }
    }
    return 0;
  }
  const result = await service.ask({ question: flags.question ?? '', ...mode });
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatAnswer(result)}\n`);
  return 0;
}
