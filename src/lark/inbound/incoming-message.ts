import type { NormalizedMessage } from '@larksuiteoapi/node-sdk';
import { z } from 'zod';

/** What kind of content arrived: text and rich text are questions, media gets a short help reply. */
type MessageKind = 'text' | 'media' | 'other';

/** A received message as the handlers see it: the SDK's normalised message reduced to what we use. */
export interface IncomingMessage {
  messageId: string;
  chatId: string;
  /** `p2p` or `group` as the platform sent it. */
  chatType: string;
  senderId: string;
  /** The sender's user_id, when the app may read it (raw event); `/whoami` shows it. */
  senderUserId?: string;
  kind: MessageKind;
  rawType: string;
  /** Plain question text: mentions, markdown marks and media placeholders removed. */
  text: string;
  mentionedBot: boolean;
  threadId?: string;
  /** A file message's file (key for the message-resource API, and the name the sender gave it); an image message's image has no name. */
  file?: { key: string; name: string; type?: 'image' };
}

const MEDIA_TYPES = new Set(['image', 'file', 'sticker', 'audio', 'media']);

/** Turns the SDK's markdown rendering of a text or post message into the question as typed. */
export function questionText(content: string, mentionNames: string[]): string {
  let text = content
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/<(?:sticker|audio|file|video|media)\b[^>]*\/>/g, ' ')
    .replace(/@_user_\d+|@_all/g, ' ');
  for (const name of mentionNames) if (name) text = text.split(`@${name}`).join(' ');
  return text
    .replace(/\*\*|__|~~|`/g, '')
    .replace(/^\s*(?:#{1,6}|>)\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const rawSender = z.object({ sender: z.object({ sender_id: z.object({ user_id: z.string().optional() }) }) });

/** The sender's user_id in the raw event (empty or absent without the permission to read it). */
function senderUserId(raw: unknown): string | undefined {
  const parsed = rawSender.safeParse(raw);
  const id = parsed.success ? parsed.data.sender.sender_id.user_id : undefined;
  return id ? id : undefined;
}

/** Reduces the SDK's NormalizedMessage (text already converted, bot mention already stripped). */
export function toIncoming(message: NormalizedMessage): IncomingMessage {
  const rawType = message.rawContentType;
  const file = rawType === 'file' || rawType === 'image' ? message.resources.find((resource) => resource.type === rawType) : undefined;
  const userId = senderUserId(message.raw);
  const kind: MessageKind = rawType === 'text' || rawType === 'post' ? 'text' : MEDIA_TYPES.has(rawType) ? 'media' : 'other';
  return {
    messageId: message.messageId,
    chatId: message.chatId,
    chatType: message.chatType,
    senderId: message.senderId,
    ...(userId ? { senderUserId: userId } : {}),
    kind,
    rawType,
    text:
      kind === 'text'
        ? questionText(
            message.content,
            message.mentions.map((mention) => mention.name ?? ''),
          )
        : '',
    mentionedBot: message.mentionedBot,
    ...(message.threadId ? { threadId: message.threadId } : {}),
    ...(file
      ? { file: { key: file.fileKey, name: file.fileName ?? '', ...(file.type === 'image' ? { type: 'image' as const } : {}) } }
      : {}),
  };
}

/** Group replies go into the message's thread (and any message already in a thread); DMs get a plain reply. */
export function repliesInThread(message: IncomingMessage): boolean {
  return message.chatType !== 'p2p' || message.threadId !== undefined;
}
