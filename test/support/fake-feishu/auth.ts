// Tenant access tokens as the platform issues them: `expire` seconds long (7200 by default), a new
// token once less than 30 minutes remain, every token dead after a reset of the app secret
// (`revokeTokens`). Invalid or expired: 99991663; none sent: 99991661.
import { isJson, type Route } from './router.js';

/** Why a call's token was refused, as the platform's code and message. */
export interface TokenRefusal {
  code: 99991661 | 99991663;
  msg: string;
}

/** Issues and checks tenant tokens; `now` is the fake's clock. */
export class TokenIssuer {
  private readonly live = new Map<string, number>();
  private counter = 0;
  /** Tokens handed out, oldest first (a test reads how often the bot fetched one). */
  readonly issued: string[] = [];

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current token when more than 30 minutes remain (or its whole life is shorter), else a new one. */
  issue(): { token: string; expireSeconds: number } {
    const now = this.now();
    const current = [...this.live].filter(([, expiresAt]) => expiresAt > now).sort((a, b) => b[1] - a[1])[0];
    const renewAt = Math.min(30 * 60_000, this.ttlMs / 2);
    if (current && current[1] - now >= renewAt) return { token: current[0], expireSeconds: Math.floor((current[1] - now) / 1000) };
    this.counter += 1;
    const token = `t-fake-${this.counter}-${now.toString(36)}`;
    this.live.set(token, now + this.ttlMs);
    this.issued.push(token);
    return { token, expireSeconds: Math.floor(this.ttlMs / 1000) };
  }

  /** A reset app secret: every token issued so far stops working at once. */
  revokeAll(): void {
    this.live.clear();
  }

  /** Makes every live token expire now (the clock need not move). */
  expireAll(): void {
    for (const token of this.live.keys()) this.live.set(token, this.now() - 1);
  }

  /** Undefined when `authorization` carries a live token. */
  check(authorization: string | undefined): TokenRefusal | undefined {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { code: 99991661, msg: 'Missing access token for authorization. Please make a request with token attached.' };
    const expiresAt = this.live.get(token);
    if (expiresAt === undefined || expiresAt <= this.now())
      return { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' };
    return undefined;
  }
}

/** `POST /open-apis/auth/v3/tenant_access_token/internal` (no token needed, not rate-limited here). */
export function authRoutes(tokens: TokenIssuer, appId: () => string, appSecret: () => string): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/,
      public: true,
      handle({ body }, respond) {
        if (!isJson(body) || body.app_id !== appId() || body.app_secret !== appSecret())
          return respond(400, { code: 10014, msg: 'app secret invalid' });
        const { token, expireSeconds } = tokens.issue();
        return respond(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: expireSeconds });
      },
    },
  ];
}
