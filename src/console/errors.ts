/** Why a console request failed; the HTTP layer maps each code to a status and a Chinese page. */
type ConsoleErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'rate-limited'
  | 'link-invalid'
  | 'link-expired'
  | 'link-used'
  | 'oauth-failed'
  | 'not-found'
  | 'bad-request'
  | 'too-large'
  | 'busy';

/** The console layer's one error type. */
export class ConsoleError extends Error {
  override readonly name = 'ConsoleError';
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const STATUS: Record<ConsoleErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  'rate-limited': 429,
  'link-invalid': 400,
  'link-expired': 410,
  'link-used': 410,
  'oauth-failed': 502,
  'not-found': 404,
  'bad-request': 400,
  'too-large': 413,
  busy: 409,
};

const TEXT: Record<ConsoleErrorCode, string> = {
  unauthenticated: '请先登录管理控制台。',
  forbidden: '这个账号不是管理员（不在 ADMIN_OPEN_IDS 中）。',
  csrf: '请求已失效（CSRF 校验失败），请刷新页面后重试。',
  'rate-limited': '登录尝试过于频繁，请稍后再试。',
  'link-invalid': '登录链接无效。请在飞书私聊机器人发送 /console 获取新链接。',
  'link-expired': '登录链接已过期（10 分钟内有效）。请在飞书私聊机器人发送 /console 获取新链接。',
  'link-used': '登录链接已经用过（只能使用一次）。请在飞书私聊机器人发送 /console 获取新链接。',
  'oauth-failed': '飞书登录失败，请稍后重试。',
  'not-found': '没有这个页面或对象。',
  'bad-request': '请求不正确。',
  'too-large': '文件太大。',
  busy: '正在处理另一项文档变更，请等它完成后再试。',
};

/** The HTTP status of an error code. */
export function statusOf(code: ConsoleErrorCode): number {
  return STATUS[code];
}

/** What the person sees for an error code. */
export function textOf(code: ConsoleErrorCode): string {
  return TEXT[code];
}
