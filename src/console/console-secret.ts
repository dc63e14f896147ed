import { createHmac, randomBytes } from 'node:crypto';

/**
 * The key sessions and links are signed with: CONSOLE_SECRET when set, else derived from the app
 * secret (the same on every instance, so a link issued by one is accepted by another), else random
 * (one process; sessions end with it).
 */
export function consoleSecret(explicit: string | undefined, appSecret: string | undefined): string {
  if (explicit) return explicit;
  if (appSecret) return createHmac('sha256', appSecret).update('policy-bot admin console v1').digest('base64url');
  return randomBytes(32).toString('base64url');
}
