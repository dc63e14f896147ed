import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token is for: a token of one kind never passes as another (a login link is not a session). */
type TokenKind = 'session' | 'link' | 'oauth-state' | 'csrf';

function mac(secret: string, kind: TokenKind, body: string): string {
  return createHmac('sha256', secret).update(`${kind}.${body}`).digest('base64url');
}

/** `body.mac`: the payload as base64url JSON, signed with HMAC-SHA256 under `secret` for `kind`. */
export function signToken(secret: string, kind: TokenKind, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, kind, body)}`;
}

/** The payload of a token signed for `kind`, or undefined when it is malformed or its signature is wrong. */
export function verifyToken(secret: string, kind: TokenKind, token: string): unknown {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!sameText(signature, mac(secret, kind, body))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Compares in constant time (a MAC or CSRF token must not leak through timing). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The CSRF token of a session: derived, so it needs no storage and dies with the session. */
export function csrfTokenOf(secret: string, sessionId: string): string {
  return mac(secret, 'csrf', sessionId);
}
