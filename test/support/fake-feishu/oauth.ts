import { randomBytes } from 'node:crypto';
import type { FakeFeishu, FakeModule, Json } from './fake-open-platform.js';

interface IssuedCode {
  openId: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Feishu login on the fake Open Platform, as the real one behaves: the authorization page
 * (`GET /open-apis/authen/v1/authorize`, here approving at once as `loginAs`), the code exchange
 * (`POST /open-apis/authen/v2/oauth/token`: the app's secret, a code valid 5 minutes and once, the same
 * redirect_uri) and `GET /open-apis/authen/v1/user_info` with the user_access_token.
 */
export class FakeOAuth {
  /** Who the authorization page logs in as. */
  openId = 'ou_admin';
  readonly exchanges: Array<{ code: string; ok: boolean }> = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, string>();

  private constructor(private readonly fake: FakeFeishu) {}

  /** Mounts the endpoints on a running fake. */
  static install(fake: FakeFeishu): FakeOAuth {
    const oauth = new FakeOAuth(fake);
    fake.modules.push(oauth.module);
    return oauth;
  }

  get authorizeUrl(): string {
    return `${this.fake.baseUrl}/open-apis/authen/v1/authorize`;
  }

  private readonly module: FakeModule = ({ method, path, query, authorization, body }, record) => {
    if (method === 'GET' && path === '/open-apis/authen/v1/authorize') {
      if (query.client_id !== this.fake.appId || !query.redirect_uri || query.response_type !== 'code') {
        record(400, { code: 20001, msg: 'invalid authorization request' });
        return true;
      }
      const code = randomBytes(8).toString('hex');
      this.codes.set(code, { openId: this.openId, redirectUri: query.redirect_uri, expiresAt: Date.now() + 5 * 60_000, used: false });
      const target = new URL(query.redirect_uri);
      target.searchParams.set('code', code);
      if (query.state !== undefined) target.searchParams.set('state', query.state);
      record(302, { code: 0 }, { location: target.toString() });
      return true;
    }
    if (method === 'POST' && path === '/open-apis/authen/v2/oauth/token') {
      const request = isJson(body) ? body : {};
      const code = typeof request.code === 'string' ? request.code : '';
      const issued = this.codes.get(code);
      const credentials = request.client_id === this.fake.credentials.appId && request.client_secret === this.fake.credentials.appSecret;
      const valid =
        request.grant_type === 'authorization_code' &&
        credentials &&
        issued &&
        !issued.used &&
        issued.expiresAt > Date.now() &&
        issued.redirectUri === request.redirect_uri;
      this.exchanges.push({ code, ok: Boolean(valid) });
      if (!valid || !issued) {
        record(400, { code: 20003, error: 'invalid_grant', error_description: 'The authorization code is invalid, expired or used.' });
        return true;
      }
      issued.used = true;
      const token = `u-${randomBytes(12).toString('hex')}`;
      this.tokens.set(token, issued.openId);
      record(200, { code: 0, access_token: token, expires_in: 7200, token_type: 'Bearer', scope: '' });
      return true;
    }
    if (method === 'GET' && path === '/open-apis/authen/v1/user_info') {
      const openId = this.tokens.get((authorization ?? '').replace(/^Bearer /, ''));
      if (!openId) record(401, { code: 99991668, msg: 'Invalid access token for authorization.' });
      else
        record(200, { code: 0, msg: 'success', data: { open_id: openId, union_id: `on_${openId}`, name: '测试管理员', tenant_key: 'tk' } });
      return true;
    }
    return false;
  };
}
