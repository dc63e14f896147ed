import type { Ask } from './ask.js';
import type { AnswerService } from './service.js';

/** An AnswerService over the extractive asker: the stream is just the final result. */
export function extractiveService(ask: Ask): AnswerService {
  return {
    ask: (request) => ask(request),
    async *stream(request) {
      yield { type: 'final', result: await ask(request) };
    },
  };
}
