import type { AnswerService, AskEvent, AskRequest, AskResult } from '../../../src/answer/index.js';
import type { Logger } from '../../../src/log/index.js';

/** A result like the real service's, for handler tests that do not need the model. */
export function resultFor(question: string, answer = '到2020年底打造10个左右众创社区。'): AskResult {
  return {
    question,
    query: question,
    answerable: true,
    answer,
    documents: [],
    citations: [{ source: 'nantong.txt', title: '南通市推进众创社区建设行动方案', section: '二、总体目标', quote: answer }],
    passages: [],
    mode: 'llm',
    model: 'scripted',
    notes: [],
    timings: { retrieveMs: 1, totalMs: 1 },
  };
}

/** An AnswerService fake (the interface, not our module): streams scripted partials, records requests. */
export class ScriptedAnswers implements AnswerService {
  readonly requests: AskRequest[] = [];
  constructor(private readonly script: { partials?: string[]; spacingMs?: number; fail?: Error } = {}) {}

  async ask(request: AskRequest): Promise<AskResult> {
    this.requests.push(request);
    if (this.script.fail) throw this.script.fail;
    return resultFor(request.question);
  }

  async *stream(request: AskRequest): AsyncIterable<AskEvent> {
    this.requests.push(request);
    for (const text of this.script.partials ?? []) {
      await new Promise((resolve) => setTimeout(resolve, this.script.spacingMs ?? 0));
      yield { type: 'partial', text };
    }
    if (this.script.fail) throw this.script.fail;
    yield { type: 'final', result: resultFor(request.question, this.script.partials?.at(-1)) };
  }
}

/** A logger that keeps every entry, to check what was reported. */
export class RecordingLogger implements Logger {
  readonly entries: Array<{ level: string; event: string; fields: Record<string, unknown> }> = [];
  debug(event: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'debug', event, fields });
  }
  info(event: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'info', event, fields });
  }
  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'warn', event, fields });
  }
  error(event: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'error', event, fields });
  }
}
