import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { signToken, verifyToken } from './signed-token.js';

/** A logged-in admin. Kept in a signed cookie, so any instance behind the proxy accepts it. */
export interface Session {
  id: string;
  openId: string;
  via: 'link' | 'feishu';
  /** When the admin logged in, and when they were last seen (ms). */
  born: number;
  seen: number;
}

const sessionSchema = z.object({
  id: z.string().min(8),
  openId: z.string().min(1),
  via: z.enum(['link', 'feishu']),
  born: z.number(),
  seen: z.number(),
});

/** However active, a session ends after this long. */
export const MAX_SESSION_MS = 12 * 3600_000;

/** A new session for an admin who just logged in. */
export function newSession(openId: string, via: Session['via'], now: number): Session {
  return { id: randomBytes(12).toString('base64url'), openId, via, born: now, seen: now };
}

/** The cookie value of a session. */
export function sessionToken(secret: string, session: Session): string {
  return signToken(secret, 'session', session);
}

/**
 * The session a cookie carries, when its signature holds, it was used within `idleMs`, it is younger
 * than MAX_SESSION_MS, and its admin is still listed.
 */
export function readSession(
  secret: string,
  token: string | undefined,
  now: number,
  idleMs: number,
  admins: ReadonlySet<string>,
): Session | undefined {
  if (!token) return undefined;
  const parsed = sessionSchema.safeParse(verifyToken(secret, 'session', token));
  if (!parsed.success) return undefined;
  const session = parsed.data;
  if (now - session.seen > idleMs || now - session.born > MAX_SESSION_MS || session.seen > now + 60_000) return undefined;
  return admins.has(session.openId) ? session : undefined;
}

/** Cookie attributes: HttpOnly and SameSite=Strict always, Secure when served over HTTPS. */
export function cookie(
  name: string,
  value: string,
  options: { maxAgeSeconds: number; secure: boolean; sameSite?: 'Strict' | 'Lax'; path?: string },
): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/console'}`,
    `Max-Age=${Math.max(0, Math.round(options.maxAgeSeconds))}`,
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Strict'}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The cookies of a request header. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}
