import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpsRoutes } from '../ops/index.js';
import {
  finishFeishuLogin,
  loginPage,
  logout,
  sessionCookie,
  showLinkLogin,
  startFeishuLogin,
  useLinkLogin,
  SESSION_COOKIE,
  type AuthContext,
} from './auth-routes.js';
import type { ConsoleDeps } from './console-deps.js';
import { ConsoleError, statusOf, textOf } from './errors.js';
import { html } from './html.js';
import { clientKey, htmlReply, newNonce, overHttps, readForm, redirect, send, type Reply } from './http.js';
import { page, type Frame } from './layout.js';
import { createRateLimit, type RateLimit } from './rate-limit.js';
import type { RouteContext, RouteTable } from './route-context.js';
import { parseCookies, readSession, type Session } from './session.js';
import { csrfTokenOf, sameText } from './signed-token.js';

const PUBLIC: Record<string, (context: AuthContext) => Reply | Promise<Reply>> = {
  'GET /console/login': loginPage,
  'GET /console/login/feishu': startFeishuLogin,
  'GET /console/oauth/callback': finishFeishuLogin,
  'GET /console/login/link': showLinkLogin,
  'POST /console/login/link': useLinkLogin,
};

/** Sessions are re-signed (their idle clock restarted) at most this often. */
const REFRESH_MS = 60_000;

/** A state change from another site: its Origin names another host than the one it was sent to. */
function foreignOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  // absent or "null" (privacy settings) decides nothing: the token does
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/** Checks the CSRF token of a state change (header for scripts, `_csrf` for forms); returns the form. */
async function checkCsrf(request: IncomingMessage, expected: string): Promise<URLSearchParams> {
  if (foreignOrigin(request)) throw new ConsoleError('csrf', 'the request came from another site');
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') {
    if (!sameText(header, expected)) throw new ConsoleError('csrf', 'wrong CSRF token');
    return new URLSearchParams();
  }
  const form = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? await readForm(request)
    : new URLSearchParams();
  if (!sameText(form.get('_csrf') ?? '', expected)) throw new ConsoleError('csrf', 'wrong CSRF token');
  return form;
}

/** The console's HTTP handler: login routes, then a session and (for changes) CSRF before any page. */
export function consoleRoutes(deps: ConsoleDeps, pages: RouteTable): OpsRoutes {
  const limiter: RateLimit = createRateLimit({ limit: 10, windowMs: 60_000, now: () => deps.clock.now() });

  const handle = async (request: IncomingMessage, response: ServerResponse, url: URL, nonce: string): Promise<Reply | undefined> => {
    const now = deps.clock.now();
    const secure = overHttps(request, deps.publicUrl);
    const key = `${request.method ?? 'GET'} ${url.pathname}`;
    const loginRoute = PUBLIC[key];
    if (loginRoute) {
      if (key !== 'GET /console/login' && !limiter.allow(clientKey(request)))
        throw new ConsoleError('rate-limited', 'too many login attempts');
      return loginRoute({ request, url, now, deps, secure, frame: { csrf: '', nonce } });
    }
    const session = readSession(deps.secret, parseCookies(request.headers.cookie).get(SESSION_COOKIE), now, deps.idleMs, deps.admins);
    if (!session) {
      if (request.method === 'GET' && !url.pathname.endsWith('/events')) return redirect('/console/login');
      throw new ConsoleError('unauthenticated', 'no session');
    }
    const csrf = csrfTokenOf(deps.secret, session.id);
    if (key === 'POST /console/logout') {
      await checkCsrf(request, csrf);
      return logout({ secure });
    }
    const route = pages[key];
    if (!route) throw new ConsoleError('not-found', `no route ${key}`);
    const form = request.method === 'GET' || request.method === 'HEAD' ? new URLSearchParams() : await checkCsrf(request, csrf);
    const refreshed: Session | undefined = now - session.seen > REFRESH_MS ? { ...session, seen: now } : undefined;
    if (refreshed) response.setHeader('set-cookie', sessionCookie({ deps, secure }, refreshed));
    const frame: Frame = { csrf, nonce, openId: session.openId, current: url.pathname };
    const context: RouteContext = {
      request,
      response,
      url,
      now,
      deps,
      session,
      frame,
      form,
      audit: async (action, args, outcome) => {
        try {
          await deps.stores.audit.record({
            time: new Date(deps.clock.now()).toISOString(),
            actor: session.openId,
            chatId: 'console',
            action,
            args,
            result: outcome.ok ? 'ok' : 'failed',
            ...(outcome.detail !== undefined ? { detail: outcome.detail.slice(0, 500) } : {}),
          });
        } catch (error) {
          deps.logger.error('console.audit_failed', { action, error });
        }
      },
    };
    return route(context);
  };

  const failure = (error: unknown, nonce: string, wantsHtml: boolean): Reply => {
    const code = error instanceof ConsoleError ? error.code : undefined;
    if (!code) deps.logger.error('console.failed', { error });
    else deps.logger.info('console.refused', { code, message: error instanceof Error ? error.message : '' });
    const status = code ? statusOf(code) : 500;
    const text = code ? textOf(code) : '出错了，请稍后重试（详情见服务器日志）。';
    if (!wantsHtml)
      return {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ error: code ?? 'internal', message: text }),
      };
    return htmlReply(
      page(
        '无法完成',
        { csrf: '', nonce },
        html`<div class="panel login"><p id="error" data-code="${code ?? 'internal'}">${text}</p><p><a href="/console/">返回控制台</a> · <a href="/console/login">登录</a></p></div>`,
      ),
      status,
    );
  };

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    if (url.pathname !== '/console' && !url.pathname.startsWith('/console/')) return false;
    const nonce = newNonce();
    if (url.pathname === '/console') {
      send(response, redirect('/console/'), nonce);
      return true;
    }
    // scripts (fetch with the CSRF header) get JSON; browsers navigating get a page
    const wantsHtml = request.headers['x-csrf-token'] === undefined;
    handle(request, response, url, nonce).then(
      (reply) => {
        if (reply) send(response, reply, nonce);
      },
      (error: unknown) => {
        if (response.headersSent) return void response.end();
        send(response, failure(error, nonce, wantsHtml), nonce);
      },
    );
    return true;
  };
}
