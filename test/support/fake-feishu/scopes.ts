// Permission scopes as the Open Platform documents them per API ("开启其中任意一项权限即可调用"): a call
// whose app holds none of its scopes is refused with 99991672 naming them, the way the platform does.

/** Scopes per API, any one of which is enough (from each API's 权限要求 on open.feishu.cn). */
export const API_SCOPES = {
  /** im/v1/messages (create) and im/v1/messages/:id/reply */
  send: ['im:message', 'im:message:send_as_bot'],
  /** PATCH im/v1/messages/:id (更新应用发送的消息卡片) */
  patch: ['im:message', 'im:message:send_as_bot', 'im:message:update'],
  /** DELETE im/v1/messages/:id (撤回消息) */
  recall: ['im:message', 'im:message:send_as_bot', 'im:message:recall'],
  /** GET im/v1/messages/:id/resources/:key (获取消息中的资源文件): a file a user sent, not the app's own */
  messageResource: ['im:message', 'im:message:readonly', 'im:message.history:readonly'],
  /** POST/DELETE im/v1/messages/:id/reactions (添加/删除消息表情回复) */
  reactions: ['im:message', 'im:message.reactions:write_only'],
  /** cardkit/v1/cards… (创建与更新卡片) */
  cardkit: ['cardkit:card:write'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What a test app is granted unless a test says otherwise: the scopes docs/feishu.md tells operators
 * to add, so a test that passes here passes for a deployment set up by the docs.
 */
export const DEFAULT_GRANTED_SCOPES: readonly string[] = [
  'im:message.p2p_msg:readonly',
  'im:message.group_at_msg:readonly',
  'im:message:send_as_bot',
  'im:message:readonly',
  'im:message.reactions:write_only',
  'cardkit:card:write',
];

/** The platform's refusal when none of `required` is granted, else undefined. */
export function missingScope(
  required: readonly string[] | undefined,
  granted: ReadonlySet<string>,
): { code: number; msg: string } | undefined {
  if (!required || required.length === 0 || required.some((scope) => granted.has(scope))) return undefined;
  return {
    code: 99991672,
    msg: `Access denied. One of the following scopes is required: [${required.join(', ')}].应用未获取所需的权限：[${required.join(', ')}]`,
  };
}
