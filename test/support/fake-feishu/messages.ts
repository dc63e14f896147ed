// im/v1 messages: send, reply, PATCH a card, recall, reactions and users' files, with the platform's
// rules: uuid idempotency for an hour, update_multi before and after a PATCH (230031), 5 sends a
// second per chat (230020), 30 KB and Card JSON 2.0 checks, 230071/230072 for replies in threads,
// 230002 outside the group, 232009 for a dissolved chat, 230011 for a recalled message.
import { cardProblem, MAX_CARD_BYTES } from './card-schema.js';
import { isJson, parseJson, type Json, type Respond, type Route } from './router.js';
import { API_SCOPES } from './scopes.js';
import type { FakeState } from './state.js';

function messageData(state: FakeState, messageId: string): Json {
  const message = state.messages.get(messageId);
  return {
    message_id: messageId,
    chat_id: message?.chatId,
    msg_type: message?.msgType,
    create_time: String(message?.createdAt ?? state.now()),
    ...(message?.parentId ? { parent_id: message.parentId, root_id: message.parentId } : {}),
  };
}

function entityIdOf(content: Json): string | undefined {
  const data = content.data;
  return content.type === 'card' && isJson(data) && typeof data.card_id === 'string' ? data.card_id : undefined;
}

/** A reply (`parentId`) or a new message to a chat; a uuid seen within the hour returns the first message and posts nothing. */
function send(state: FakeState, target: { chatId: string; parentId?: string }, body: unknown, respond: Respond): void {
  if (!isJson(body) || typeof body.msg_type !== 'string' || typeof body.content !== 'string')
    return respond(400, { code: 230001, msg: 'invalid request' });
  const { chatId, parentId } = target;
  const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
  const known = uuid ? state.uuids.get(uuid) : undefined;
  if (known && state.now() - known.at < 3600_000) return respond(200, { code: 0, msg: 'ok', data: messageData(state, known.messageId) });
  if (state.dissolved.has(chatId))
    return respond(400, { code: 232009, msg: 'Your request specifies a chat which has already been dissolved.' });
  if (state.absent.has(chatId)) return respond(400, { code: 230002, msg: 'The bot can not be outside the group.' });
  if (parentId && (state.recalledIncoming.has(parentId) || state.messages.get(parentId)?.recalled))
    return respond(400, { code: 230011, msg: 'The message is recalled.' });
  if (body.reply_in_thread === true && state.threadless.has(chatId)) {
    return respond(400, { code: 230071, msg: 'The group to which the message belongs does not support reply in thread.' });
  }
  if (body.reply_in_thread === true && parentId && state.aggregated.has(parentId))
    return respond(400, { code: 230072, msg: 'Aggregated messages do not support reply in thread.' });
  if (Buffer.byteLength(body.content) > MAX_CARD_BYTES)
    return respond(400, { code: 230025, msg: 'The length of the message content reaches its limit.' });
  const content = parseJson(body.content);
  if (!isJson(content)) return respond(400, { code: 230001, msg: 'content is not JSON' });
  const entityId = entityIdOf(content);
  if (entityId) {
    const entity = state.cards.get(entityId);
    if (!entity)
      return respond(400, {
        code: 230099,
        msg: 'Failed to create card content, ext=ErrCode: 200740; ErrMsg: The card entity does not exist',
      });
    if (entity.sentAs) return respond(400, { code: 230099, msg: 'Failed to create card content, ext=a card entity can only be sent once' });
  } else if (body.msg_type === 'interactive') {
    const problem = cardProblem(content, Buffer.byteLength(body.content));
    if (problem) return respond(400, { code: 230099, msg: `Failed to create card content, ext=${problem}` });
  }
  if (state.limiter.chat(chatId)) return respond(400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
  const messageId = state.nextId('om_bot');
  if (entityId) {
    const entity = state.cards.get(entityId);
    if (entity) entity.sentAs = messageId;
  }
  state.messages.set(messageId, {
    messageId,
    chatId,
    ...(parentId !== undefined ? { parentId } : {}),
    msgType: body.msg_type,
    content,
    ...(uuid ? { uuid } : {}),
    replyInThread: body.reply_in_thread === true,
    createdAt: state.now(),
    updates: 0,
    history: content.type === 'card' ? [] : [content],
  });
  if (uuid) state.uuids.set(uuid, { messageId, at: state.now() });
  respond(200, { code: 0, msg: 'ok', data: messageData(state, messageId) });
}

function patch(state: FakeState, messageId: string, body: unknown, respond: Respond): void {
  const message = state.messages.get(messageId);
  if (!message) return respond(400, { code: 230001, msg: 'Your request contains an invalid request parameter, ext=invalid message_id.' });
  if (message.recalled) return respond(400, { code: 230011, msg: 'The message is recalled.' });
  if (!isJson(body) || typeof body.content !== 'string') return respond(400, { code: 230001, msg: 'invalid request' });
  const card = parseJson(body.content);
  const config = isJson(card) ? card.config : undefined;
  const before = message.content.config;
  if (!isJson(card) || !isJson(config) || config.update_multi !== true || !isJson(before) || before.update_multi !== true) {
    return respond(400, { code: 230031, msg: 'The card is not a shared card: update_multi must be true before and after the update.' });
  }
  if (Buffer.byteLength(body.content) > MAX_CARD_BYTES)
    return respond(400, { code: 230025, msg: 'The length of the message content reaches its limit.' });
  const problem = cardProblem(card, Buffer.byteLength(body.content));
  if (problem) return respond(400, { code: 230099, msg: `Failed to create card content, ext=${problem}` });
  message.content = card;
  message.history.push(card);
  message.updates += 1;
  respond(200, { code: 0, msg: 'ok', data: {} });
}

/** The im/v1 message routes. */
export function messageRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/open-apis\/im\/v1\/messages$/,
      api: 'im.message.create',
      scopes: API_SCOPES.send,
      handle({ query, body }, respond) {
        // a card to a person (open_id) lands in their direct chat with the bot: the fake files it under the open_id
        if (
          (query.receive_id_type !== 'chat_id' && query.receive_id_type !== 'open_id') ||
          !isJson(body) ||
          typeof body.receive_id !== 'string' ||
          body.receive_id === ''
        ) {
          return respond(400, { code: 230001, msg: 'receive_id_type (chat_id or open_id) and receive_id are required' });
        }
        send(state, { chatId: body.receive_id }, body, respond);
      },
    },
    {
      method: 'POST',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/,
      api: 'im.message.reply',
      scopes: API_SCOPES.send,
      handle({ params, body }, respond) {
        const parentId = params[0] ?? '';
        send(state, { parentId, chatId: state.chatOf(parentId) }, body, respond);
      },
    },
    {
      method: 'PATCH',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
      api: 'im.message.patch',
      scopes: API_SCOPES.patch,
      handle: ({ params, body }, respond) => patch(state, params[0] ?? '', body, respond),
    },
    {
      method: 'DELETE',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
      api: 'im.message.delete',
      scopes: API_SCOPES.recall,
      handle({ params }, respond) {
        const message = state.messages.get(params[0] ?? '');
        if (!message)
          return respond(400, { code: 230001, msg: 'Your request contains an invalid request parameter, ext=invalid message_id.' });
        if (message.recalled) return respond(400, { code: 230011, msg: 'The message is recalled.' });
        message.recalled = true;
        respond(200, { code: 0, msg: 'ok', data: {} });
      },
    },
    ...reactionRoutes(state),
    {
      method: 'GET',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
      api: 'im.message.resource',
      scopes: API_SCOPES.messageResource,
      handle(request, respond) {
        const { params, query } = request;
        const bytes = state.messageFiles.get(`${params[0] ?? ''}/${params[1] ?? ''}`);
        if (query.type !== 'file' && query.type !== 'image') return respond(400, { code: 234001, msg: 'Invalid request param: type.' });
        if (!bytes) return respond(400, { code: 234003, msg: 'File not in message.' });
        request.raw(200, 0, (response) => {
          response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) });
          response.end(bytes);
        });
      },
    },
  ];
}

/** POST/DELETE im/v1/messages/:id/reactions (a 「思考中」 reaction on a question). */
function reactionRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reactions$/,
      api: 'im.message.reaction.create',
      scopes: API_SCOPES.reactions,
      handle({ params, body }, respond) {
        const messageId = params[0] ?? '';
        const emojiType = isJson(body) && isJson(body.reaction_type) ? body.reaction_type.emoji_type : undefined;
        if (typeof emojiType !== 'string' || emojiType === '') return respond(400, { code: 231001, msg: 'reaction type is invalid.' });
        if (state.recalledIncoming.has(messageId)) return respond(400, { code: 230011, msg: 'The message is recalled.' });
        const reactionId = state.nextId('ZCaCIjUBVVWSrm5L-3ZTw');
        state.reactions.set(reactionId, { reactionId, messageId, emojiType, removed: false });
        respond(200, { code: 0, msg: 'ok', data: { reaction_id: reactionId, reaction_type: { emoji_type: emojiType } } });
      },
    },
    {
      method: 'DELETE',
      path: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reactions\/([^/]+)$/,
      api: 'im.message.reaction.delete',
      scopes: API_SCOPES.reactions,
      handle({ params }, respond) {
        const reaction = state.reactions.get(params[1] ?? '');
        if (!reaction || reaction.messageId !== params[0] || reaction.removed)
          return respond(400, { code: 231003, msg: 'The reaction does not exist.' });
        reaction.removed = true;
        respond(200, { code: 0, msg: 'ok', data: { reaction_id: reaction.reactionId } });
      },
    },
  ];
}
