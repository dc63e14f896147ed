import { z } from 'zod';
import { ConsoleError } from './errors.js';

/** Feishu login (OAuth 2.0 authorization code) for the console. */
export interface OAuthSettings {
  appId: string;
  appSecret: string;
  /** The Open Platform base: https://open.feishu.cn, https://open.larksuite.com, or a test fake. */
  apiBase: string;
  /** The authorization page people are sent to. */
  authorizeUrl: string;
  /** Our callback, as registered in the app's security settings (重定向 URL). */
  redirectUri: string;
}

/** The Open Platform base and authorization page of a LARK_DOMAIN value. */
export function oauthEndpoints(domain: string): { apiBase: string; authorizeUrl: string } {
  if (domain === 'feishu')
    return { apiBase: 'https://open.feishu.cn', authorizeUrl: 'https://accounts.feishu.cn/open-apis/authen/v1/authorize' };
  if (domain === 'lark')
    return { apiBase: 'https://open.larksuite.com', authorizeUrl: 'https://accounts.larksuite.com/open-apis/authen/v1/authorize' };
  return { apiBase: domain, authorizeUrl: `${domain}/open-apis/authen/v1/authorize` };
}

/** Where to send the browser: the authorization page with our app, callback and state. */
export function authorizeUrl(settings: OAuthSettings, state: string): string {
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set('client_id', settings.appId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', state);
  return url.toString();
}

const tokenSchema = z.object({
  code: z.number(),
  access_token: z.string().min(1).optional(),
  error_description: z.string().optional(),
  msg: z.string().optional(),
});
const userSchema = z.object({ code: z.number(), msg: z.string().optional(), data: z.object({ open_id: z.string().min(1) }).optional() });

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new ConsoleError('oauth-failed', `the Open Platform answered ${response.status} with no JSON`, { cause: error });
  }
}

/**
 * code → user_access_token (POST /open-apis/authen/v2/oauth/token) → the user's open_id
 * (GET /open-apis/authen/v1/user_info). The token is used once and never stored or shown.
 */
export async function openIdFromCode(settings: OAuthSettings, code: string, transport: typeof fetch = fetch): Promise<string> {
  const signal = AbortSignal.timeout(10_000);
  const tokenResponse = await transport(`${settings.apiBase}/open-apis/authen/v2/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: settings.appId,
      client_secret: settings.appSecret,
      code,
      redirect_uri: settings.redirectUri,
    }),
    signal,
  });
  const token = tokenSchema.safeParse(await json(tokenResponse));
  if (!token.success || token.data.code !== 0 || !token.data.access_token) {
    const reason = token.success
      ? (token.data.error_description ?? token.data.msg ?? `code ${token.data.code}`)
      : 'unexpected token response';
    throw new ConsoleError('oauth-failed', `the authorization code was refused: ${reason}`);
  }
  const userResponse = await transport(`${settings.apiBase}/open-apis/authen/v1/user_info`, {
    headers: { authorization: `Bearer ${token.data.access_token}` },
    signal,
  });
  const user = userSchema.safeParse(await json(userResponse));
  if (!user.success || user.data.code !== 0 || !user.data.data)
    throw new ConsoleError('oauth-failed', `user_info failed: ${user.success ? (user.data.msg ?? user.data.code) : 'unexpected response'}`);
  return user.data.data.open_id;
}
