import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConsoleError } from './errors.js';
import { signToken, verifyToken } from './signed-token.js';

/** A one-time login link lives this long. */
export const LINK_TTL_MS = 10 * 60_000;

/** Marks a link used; true only for the first caller, on any instance (the bot's claim store). */
type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;

const linkSchema = z.object({ openId: z.string().min(1), nonce: z.string().min(8), exp: z.number() });

/** The token of a new login link for an admin. */
export function issueLinkToken(secret: string, openId: string, now: number): string {
  return signToken(secret, 'link', { openId, nonce: randomBytes(12).toString('base64url'), exp: now + LINK_TTL_MS });
}

/** Checks a link's token without using it: its signature and its expiry. */
export function peekLinkToken(secret: string, token: string, now: number): { openId: string; nonce: string } {
  const parsed = linkSchema.safeParse(verifyToken(secret, 'link', token));
  if (!parsed.success) throw new ConsoleError('link-invalid', 'the login link is not valid');
  if (parsed.data.exp <= now) throw new ConsoleError('link-expired', 'the login link has expired');
  return parsed.data;
}

/** Uses a link: valid, unexpired and never used before; returns the admin's open_id. */
export async function redeemLinkToken(secret: string, token: string, now: number, claim: ClaimOnce): Promise<string> {
  const link = peekLinkToken(secret, token, now);
  if (!(await claim(`console-link:${link.nonce}`, LINK_TTL_MS + 60_000)))
    throw new ConsoleError('link-used', 'the login link was already used');
  return link.openId;
}
