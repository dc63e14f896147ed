import { inspect } from 'node:util';
import { LoggerLevel, type Logger as SdkLogger } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';

/** Never throws (the SDK logs inside its own catch blocks, and axios errors are circular). */
function text(parts: unknown[]): string {
  return parts
    .map((part): string => {
      if (Array.isArray(part)) return text(part);
      if (part instanceof Error) return part.message;
      return typeof part === 'string' ? part : inspect(part, { depth: 3, breakLength: Infinity });
    })
    .join(' ')
    .slice(0, 2000);
}

/** The SDK logs free text; this routes it into our JSON logger (its info chatter becomes debug). */
export function sdkLogger(logger: Logger): SdkLogger {
  return {
    error: (...parts: unknown[]) => logger.error('lark.sdk', { message: text(parts) }),
    warn: (...parts: unknown[]) => logger.warn('lark.sdk', { message: text(parts) }),
    info: (...parts: unknown[]) => logger.debug('lark.sdk', { message: text(parts) }),
    debug: (...parts: unknown[]) => logger.debug('lark.sdk', { message: text(parts) }),
    trace: () => undefined,
  };
}

/** Our logger filters by level itself; the SDK passes everything from debug up. */
export const SDK_LOGGER_LEVEL = LoggerLevel.debug;
