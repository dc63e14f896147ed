// Programmable trouble for the tests: scripted failures, slow answers, and a random failure rate
// (reproducible from a seed), matched by method and path.
import type { Json } from './router.js';

/** One scripted failure: the next `times` calls matching `method` and `path` get this answer. */
export interface FailureRule {
  method?: string;
  path: RegExp;
  times: number;
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/** The next `times` matching calls are handled only after `delayMs` (a slow platform). */
export interface DelayRule {
  method?: string;
  path: RegExp;
  times: number;
  delayMs: number;
}

/** A failure to answer with instead of handling the call. */
export interface Failure {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

/** Deterministic pseudo-random numbers, so a failure-rate run can be repeated. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function take<T extends { method?: string; path: RegExp; times: number }>(rules: T[], method: string, path: string): T | undefined {
  const rule = rules.find(
    (candidate) => candidate.times > 0 && candidate.path.test(path) && (!candidate.method || candidate.method === method),
  );
  if (rule) rule.times -= 1;
  return rule;
}

export class Faults {
  private readonly failures: FailureRule[] = [];
  private readonly delays: DelayRule[] = [];
  private readonly random: () => number;

  constructor(
    /** Share of im/cardkit calls that fail at random (500, 429 with x-ogw-ratelimit-reset, or 230020). */
    public failureRate: number,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  failNext(rule: FailureRule): void {
    this.failures.push({ ...rule });
  }

  slowNext(rule: DelayRule): void {
    this.delays.push({ ...rule });
  }

  /** How long to hold this call first (0: not at all). */
  delayFor(method: string, path: string): number {
    return take(this.delays, method, path)?.delayMs ?? 0;
  }

  /** The failure this call gets, scripted or random, if any. */
  failureFor(method: string, path: string): Failure | undefined {
    const rule = take(this.failures, method, path);
    if (rule)
      return {
        status: rule.status,
        body: rule.body ?? { code: 99991, msg: 'injected failure' },
        ...(rule.headers ? { headers: rule.headers } : {}),
      };
    if (this.failureRate > 0 && /^\/open-apis\/(im|cardkit)\//.test(path) && this.random() < this.failureRate) {
      const pick = this.random();
      if (pick < 0.5) return { status: 500, body: { code: 99991, msg: 'internal error (random)' } };
      if (pick < 0.75)
        return { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } };
      return { status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } };
    }
    return undefined;
  }
}
