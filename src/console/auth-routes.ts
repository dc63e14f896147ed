import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ConsoleDeps } from './console-deps.js';
import { ConsoleError } from './errors.js';
import { authorizeUrl, openIdFromCode } from './feishu-oauth.js';
import { html } from './html.js';
import { htmlReply, readForm, redirect, type Reply } from './http.js';
import { page, type Frame } from './layout.js';
import { peekLinkToken, redeemLinkToken } from './login-links.js';
import { cookie, newSession, parseCookies, sessionToken, type Session } from './session.js';
import { sameText, signToken, verifyToken } from './signed-token.js';

export const SESSION_COOKIE = 'pb_console';
const STATE_COOKIE = 'pb_console_state';
const STATE_TTL_MS = 10 * 60_000;

/** What the login routes need besides the request. */
export interface AuthContext {
  request: IncomingMessage;
  url: URL;
  now: number;
  deps: ConsoleDeps;
  secure: boolean;
  frame: Frame;
}

/** The Set-Cookie of a session. */
export function sessionCookie(context: Pick<AuthContext, 'deps' | 'secure'>, session: Session): string {
  return cookie(SESSION_COOKIE, sessionToken(context.deps.secret, session), {
    maxAgeSeconds: context.deps.idleMs / 1000,
    secure: context.secure,
  });
}

async function auditLogin(deps: ConsoleDeps, openId: string, via: string, ok: boolean, now: number, detail?: string): Promise<void> {
  try {
    await deps.stores.audit.record({
      time: new Date(now).toISOString(),
      actor: openId,
      chatId: 'console',
      action: 'console login',
      args: via,
      result: ok ? 'ok' : 'failed',
      ...(detail ? { detail } : {}),
    });
  } catch (error) {
    deps.logger.error('console.audit_failed', { error });
  }
}

/** Only listed admins get a session; anyone else is refused (and the attempt audited). */
async function admit(context: AuthContext, openId: string, via: Session['via']): Promise<Session> {
  if (!context.deps.admins.has(openId)) {
    context.deps.logger.warn('console.login_refused', { openId, via });
    await auditLogin(context.deps, openId, via, false, context.now, 'not in ADMIN_OPEN_IDS');
    throw new ConsoleError('forbidden', `${openId} is not an admin`);
  }
  await auditLogin(context.deps, openId, via, true, context.now);
  context.deps.logger.info('console.login', { openId, via });
  return newSession(openId, via, context.now);
}

/** GET /console/login: how to log in. */
export function loginPage(context: AuthContext): Reply {
  const feishu = context.deps.oauth
    ? html`<p><a class="button primary" id="feishu-login" href="/console/login/feishu">使用飞书登录</a></p>`
    : '';
  return htmlReply(
    page(
      '登录',
      context.frame,
      html`<div class="panel login">${feishu}<p>或在飞书中<b>私聊</b>机器人发送 <code>/console</code>，点击收到的一次性登录链接（10 分钟内有效，只能使用一次）。</p><p class="muted">只有 ADMIN_OPEN_IDS 中的管理员可以登录。</p></div>`,
    ),
  );
}

/** GET /console/login/feishu: off to the authorization page, with a state bound to this browser. */
export function startFeishuLogin(context: AuthContext): Reply {
  const { oauth } = context.deps;
  if (!oauth) throw new ConsoleError('not-found', 'Feishu login is not configured');
  const nonce = randomBytes(12).toString('base64url');
  const state = signToken(context.deps.secret, 'oauth-state', { nonce, exp: context.now + STATE_TTL_MS });
  // Lax: the callback arrives as a cross-site navigation from the authorization page
  const stateCookie = cookie(STATE_COOKIE, nonce, { maxAgeSeconds: STATE_TTL_MS / 1000, secure: context.secure, sameSite: 'Lax' });
  return redirect(authorizeUrl({ ...oauth, redirectUri: `${context.deps.publicUrl}/console/oauth/callback` }, state), {
    'set-cookie': stateCookie,
  });
}

const stateSchema = z.object({ nonce: z.string(), exp: z.number() });

/**
 * A page that moves on to the console by itself: a session cookie set on a response to a cross-site
 * navigation is not sent back (SameSite=Strict) until the next same-site navigation, which this is.
 */
function landing(context: AuthContext, cookies: string[]): Reply {
  const body = html`<div class="panel login"><p>登录成功。</p><p><a class="button primary" id="enter" href="/console/">进入管理控制台</a></p></div>`;
  return htmlReply(page('登录成功', context.frame, body, `location.replace('/console/');`), 200, { 'set-cookie': cookies });
}

/** GET /console/oauth/callback?code&state: code → user_access_token → open_id → a session for an admin. */
export async function finishFeishuLogin(context: AuthContext): Promise<Reply> {
  const { deps, url } = context;
  if (!deps.oauth) throw new ConsoleError('not-found', 'Feishu login is not configured');
  const state = stateSchema.safeParse(verifyToken(deps.secret, 'oauth-state', url.searchParams.get('state') ?? ''));
  const browserNonce = parseCookies(context.request.headers.cookie).get(STATE_COOKIE) ?? '';
  if (!state.success || state.data.exp <= context.now || !sameText(state.data.nonce, browserNonce))
    throw new ConsoleError('link-invalid', 'the OAuth state does not match this browser');
  const code = url.searchParams.get('code');
  if (!code) throw new ConsoleError('oauth-failed', 'the authorization page returned no code');
  const openId = await openIdFromCode({ ...deps.oauth, redirectUri: `${deps.publicUrl}/console/oauth/callback` }, code, deps.fetch);
  const session = await admit(context, openId, 'feishu');
  const clearState = cookie(STATE_COOKIE, '', { maxAgeSeconds: 0, secure: context.secure, sameSite: 'Lax' });
  return landing(context, [sessionCookie(context, session), clearState]);
}

/** GET /console/login/link?token: a button that uses the link (link previews fetch URLs; a GET must not use it up). */
export function showLinkLogin(context: AuthContext): Reply {
  const token = context.url.searchParams.get('token') ?? '';
  peekLinkToken(context.deps.secret, token, context.now);
  const body = html`<div class="panel login"><p>点击下面的按钮登录管理控制台。</p>
<form method="post" action="/console/login/link"><input type="hidden" name="token" value="${token}"><button class="primary" id="use-link" type="submit">登录</button></form></div>`;
  return htmlReply(page('一次性登录链接', context.frame, body));
}

/** POST /console/login/link: uses the link once and starts a session. */
export async function useLinkLogin(context: AuthContext): Promise<Reply> {
  const form = await readForm(context.request);
  const { dedupe } = context.deps.stores;
  const openId = await redeemLinkToken(context.deps.secret, form.get('token') ?? '', context.now, (key, ttlMs) => dedupe.claim(key, ttlMs));
  const session = await admit(context, openId, 'link');
  return redirect('/console/', { 'set-cookie': sessionCookie(context, session) });
}

/** POST /console/logout. */
export function logout(context: Pick<AuthContext, 'secure'>): Reply {
  return redirect('/console/login', { 'set-cookie': cookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: context.secure }) });
}
