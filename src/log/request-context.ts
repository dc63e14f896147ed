import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields carried by every log line written while one question (or command) is handled, e.g. `requestId`. */
type RequestFields = Readonly<Record<string, string>>;

const storage = new AsyncLocalStorage<RequestFields>();

/**
 * Runs `work` with `fields` attached to every log line it writes, including lines from work it starts
 * (answers produced after the event is acknowledged, outbound calls), without passing a logger around.
 */
export function withRequestFields<T>(fields: RequestFields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the request being handled here, if any. */
export function requestFields(): RequestFields | undefined {
  return storage.getStore();
}
