import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AESCipher } from '@larksuiteoapi/node-sdk';
import { z } from 'zod';

/** What a verified request is: the URL-verification challenge, or an event for the dispatcher. */
type VerifiedRequest = { kind: 'challenge'; challenge: string } | { kind: 'event'; payload: Record<string, unknown> };

/** Why a request is refused before anything is processed: 401 not from the platform, 400 unreadable. */
interface Rejection {
  status: 400 | 401;
  reason: string;
}

/** The Encryption Strategy values from the developer console. */
export interface WebhookSecrets {
  verificationToken?: string | undefined;
  encryptKey?: string | undefined;
}

const objectSchema = z.record(z.string(), z.unknown());
const envelopeSchema = z.object({ encrypt: z.string() });
const tokenSchema = z.object({
  type: z.string().optional(),
  challenge: z.string().optional(),
  token: z.string().optional(),
  header: z.object({ token: z.string().optional() }).optional(),
});

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = objectSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a webhook request the way the SDK's adapters do not: the signature over the raw body
 * (sha256(timestamp + nonce + encryptKey + body), constant-time), the decryption, and the verification
 * token; any failure is a 401 or 400 and nothing reaches the handlers. Replays of a signed request are
 * harmless: messages are deduplicated by message_id and old ones dropped as stale.
 */
export function verifyWebhook(rawBody: string, headers: IncomingHttpHeaders, secrets: WebhookSecrets): VerifiedRequest | Rejection {
  const timestamp = headerText(headers, 'x-lark-request-timestamp');
  const nonce = headerText(headers, 'x-lark-request-nonce');
  const signature = headerText(headers, 'x-lark-signature');
  const signed = timestamp !== undefined && nonce !== undefined && signature !== undefined;
  if (secrets.encryptKey && signed) {
    const expected = createHash('sha256')
      .update(timestamp + nonce + secrets.encryptKey + rawBody)
      .digest('hex');
    if (!sameText(expected, signature)) return { status: 401, reason: 'bad signature' };
  }

  const outer = parseObject(rawBody);
  if (!outer) return { status: 400, reason: 'body is not a JSON object' };
  let payload = outer;
  const envelope = envelopeSchema.safeParse(outer);
  if (envelope.success) {
    if (!secrets.encryptKey) return { status: 400, reason: 'encrypted body but no LARK_ENCRYPT_KEY' };
    let decrypted: string;
    try {
      decrypted = new AESCipher(secrets.encryptKey).decrypt(envelope.data.encrypt);
    } catch {
      return { status: 400, reason: 'body cannot be decrypted' };
    }
    const inner = parseObject(decrypted);
    if (!inner) return { status: 400, reason: 'decrypted body is not a JSON object' };
    payload = inner;
  }

  const fields = tokenSchema.safeParse(payload);
  if (!fields.success) return { status: 400, reason: 'unexpected body shape' };
  const token = fields.data.header?.token ?? fields.data.token;
  if (secrets.verificationToken && (token === undefined || !sameText(token, secrets.verificationToken))) {
    return { status: 401, reason: 'bad verification token' };
  }
  if (fields.data.type === 'url_verification') {
    return fields.data.challenge === undefined
      ? { status: 400, reason: 'challenge missing' }
      : { kind: 'challenge', challenge: fields.data.challenge };
  }
  // With an encrypt key, Feishu signs every event: an unsigned one did not come from the platform.
  if (secrets.encryptKey && !signed) return { status: 401, reason: 'signature headers missing' };
  return { kind: 'event', payload };
}
