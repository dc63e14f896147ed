import type { Client } from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import { codeFor, LarkError } from '../errors.js';
import { dropTenantToken, TOKEN_REFUSED_CODES } from './tenant-token.js';

/** One Open Platform call, as plain data. */
export interface PlatformCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the domain, e.g. `/open-apis/im/v1/messages/om_x/reply`. */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Sends one call and resolves with the response body of any 2xx; HTTP and network failures reject with a LarkError. */
export type PlatformRequest = (call: PlatformCall) => Promise<unknown>;

const httpFailureSchema = z.object({
  response: z.object({ status: z.number(), headers: z.unknown().optional(), data: z.unknown().optional() }),
});
const platformBodySchema = z.object({ code: z.number(), msg: z.string().optional() });
const resetSchema = z.coerce.number().nonnegative();

/** Reads one header from axios' headers object (own lower-case properties) or a plain record. */
function header(headers: unknown, name: string): unknown {
  return typeof headers === 'object' && headers !== null ? Reflect.get(headers, name) : undefined;
}

/** Seconds until the rate-limit window resets (`x-ogw-ratelimit-reset`, else `retry-after`), in ms. */
function retryAfterFrom(headers: unknown): number | undefined {
  for (const name of ['x-ogw-ratelimit-reset', 'retry-after']) {
    const parsed = resetSchema.safeParse(header(headers, name));
    if (parsed.success) return Math.round(parsed.data * 1000);
  }
  return undefined;
}

/** Turns whatever the SDK's HTTP client threw into a LarkError (zod at the edge, no casts). */
export function larkErrorFrom(error: unknown, path: string): LarkError {
  if (error instanceof LarkError) return error;
  const failure = httpFailureSchema.safeParse(error);
  if (failure.success) {
    const { status, headers, data } = failure.data.response;
    const body = platformBodySchema.safeParse(data);
    const platformCode = body.success ? body.data.code : undefined;
    const retryAfterMs = retryAfterFrom(headers);
    return new LarkError(
      codeFor(status, platformCode),
      `${path}: HTTP ${status}${body.success ? ` code ${body.data.code} ${body.data.msg ?? ''}` : ''}`.trim(),
      {
        httpStatus: status,
        platformCode,
        retryAfterMs,
        cause: error,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LarkError('network', `${path}: ${message}`, { cause: error });
}

/**
 * The real transport: the SDK client adds the tenant token (fetched, cached and refreshed by the SDK)
 * and the domain; we add a timeout, error classification, and one retry with a new token when the
 * platform refuses the cached one (99991663/99991661).
 */
export function sdkRequest(client: Client, timeoutMs: number): PlatformRequest {
  return withFreshTokenRetry(client, requestOnce(client, timeoutMs));
}

/**
 * Wraps a call through the SDK client: when the platform refuses the cached tenant token (expired
 * early, or a reset app secret: 99991663/99991661), a fresh one is fetched and the call tried once more.
 */
export function withFreshTokenRetry<Input, Output>(
  client: Client,
  once: (input: Input) => Promise<Output>,
): (input: Input) => Promise<Output> {
  return async (input) => {
    try {
      return await once(input);
    } catch (error) {
      const code = error instanceof LarkError ? error.details.platformCode : undefined;
      if (code === undefined || !TOKEN_REFUSED_CODES.has(code)) throw error;
      await dropTenantToken(client);
      return once(input);
    }
  };
}

/** One request through the SDK client, with a timeout that also covers fetching a token. */
function requestOnce(client: Client, timeoutMs: number): PlatformRequest {
  return async (call) => {
    let timer: NodeJS.Timeout | undefined;
    // The axios timeout covers the call itself; this one also covers the SDK fetching a tenant token first.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LarkError('network', `${call.path}: no answer within ${timeoutMs} ms`)), timeoutMs + 1000);
    });
    try {
      const response = client.request<unknown>({
        method: call.method,
        url: call.path,
        ...(call.query ? { params: call.query } : {}),
        ...(call.body ? { data: call.body } : {}),
        timeout: timeoutMs,
      });
      return await Promise.race([response, deadline]);
    } catch (error) {
      throw larkErrorFrom(error, call.path);
    } finally {
      clearTimeout(timer);
    }
  };
}
