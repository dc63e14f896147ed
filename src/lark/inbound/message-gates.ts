import { noticeCard } from '../cards/notice-card.js';
import type { Clock } from '../../clock/index.js';
import type { Middleware } from './middleware.js';
import type { IsAdmin } from '../commands/admin-policy.js';
import { helpCard } from '../commands/help-card.js';
import { createUserRateLimit } from './user-rate-limit.js';

/** Groups: only messages that @mention the bot go on (the SDK checks too; this also covers odd chat types). */
export const requireMentionInGroups: Middleware = async (context, next) => {
  if (context.message.chatType !== 'p2p' && !context.message.mentionedBot) return;
  await next();
};

/**
 * Per-user limit (default 10 a minute); the first refused message in a window gets a friendly reply.
 * Admins are not limited: uploads and document commands come in bursts.
 */
export function rateLimitPerUser(options: { perMinute: number; clock: Clock; exempt?: IsAdmin }): Middleware {
  const limit = createUserRateLimit({ limit: options.perMinute, windowMs: 60_000, clock: options.clock });
  return async (context, next) => {
    if (options.exempt?.(context.message)) return next();
    const verdict = limit.take(context.message.senderId);
    if (verdict.allowed) return next();
    if (verdict.firstRefusal) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      await context.reply(
        noticeCard('提问太频繁了', { text: `每分钟最多提问 ${options.perMinute} 次，请 ${seconds} 秒后再试。` }, 'orange'),
      );
    }
  };
}

/** Images, files, stickers and audio cannot be read yet: a short help reply instead. */
export const helpForMedia: Middleware = async (context, next) => {
  if (context.message.kind === 'text') return next();
  const what = context.message.kind === 'media' ? '图片、文件、表情和语音' : '这类消息';
  await context.reply(helpCard(`暂时只能回答文字问题，${what}还无法识别。请直接用文字描述你的问题。`));
};

/** A mention with nothing else gets the help card, not an empty search. */
export const helpForEmptyText: Middleware = async (context, next) => {
  if (context.message.text !== '') return next();
  await context.reply(helpCard());
};

/** Refuses very long messages outright (shorter ones over MAX_QUESTION_CHARS are cut by the answer layer, with a note). */
export function capLength(maxChars: number): Middleware {
  return async (context, next) => {
    const length = context.message.text.length;
    if (length <= maxChars) return next();
    await context.reply(noticeCard('问题太长了', { text: `这条消息有 ${length} 字，请把问题精简到 ${maxChars} 字以内再发。` }, 'orange'));
  };
}
