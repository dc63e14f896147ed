// Events as the Feishu Open Platform sends them (schema 2.0), encrypted and signed like the real thing,
// and a small client that posts them to a webhook.
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CallbackOutcome } from './callbacks.js';
import type { FakeFeishu, Json } from './fake-open-platform.js';
import { formSubmission } from './form-submit.js';

export interface MessageEventInput {
  messageId: string;
  chatId: string;
  chatType?: 'p2p' | 'group';
  senderId?: string;
  /** Text of a text message; `@bot` is prepended as a mention placeholder when `mentionBot`. */
  text?: string;
  mentionBot?: boolean;
  messageType?: string;
  /** Content for non-text messages (image_key, file_key …). */
  content?: Json;
  eventId?: string;
  createTime?: number;
  threadId?: string;
}

/** An `im.message.receive_v1` event; also tells the fake which chat the message is in. */
export function messageEvent(fake: FakeFeishu, token: string, input: MessageEventInput): Json {
  const mentions = input.mentionBot
    ? [{ key: '@_user_1', id: { open_id: fake.botOpenId, union_id: 'on_bot', user_id: '' }, name: '政策通', tenant_key: 'tk' }]
    : [];
  const messageType = input.messageType ?? 'text';
  const content = messageType === 'text' ? { text: `${input.mentionBot ? '@_user_1 ' : ''}${input.text ?? ''}` } : (input.content ?? {});
  fake.noteIncoming(input.messageId, input.chatId);
  const created = String(input.createTime ?? Date.now());
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? randomUUID(),
      event_type: 'im.message.receive_v1',
      create_time: created,
      token,
      app_id: fake.appId,
      tenant_key: 'tk',
    },
    event: {
      sender: {
        sender_id: { open_id: input.senderId ?? 'ou_user_1', union_id: 'on_user', user_id: 'u1' },
        sender_type: 'user',
        tenant_key: 'tk',
      },
      message: {
        message_id: input.messageId,
        create_time: created,
        update_time: created,
        chat_id: input.chatId,
        chat_type: input.chatType ?? 'group',
        message_type: messageType,
        content: JSON.stringify(content),
        mentions,
        ...(input.threadId ? { thread_id: input.threadId, root_id: 'om_root' } : {}),
      },
    },
  };
}

/** Any other event as the platform sends it (schema 2.0): bot added, chat disbanded, menu, recalled … */
export function platformEvent(fake: FakeFeishu, token: string, eventType: string, event: Json, eventId: string = randomUUID()): Json {
  return {
    schema: '2.0',
    header: { event_id: eventId, event_type: eventType, create_time: String(Date.now()), token, app_id: fake.appId, tenant_key: 'tk' },
    event,
  };
}

/** A `card.action.trigger` callback for a button click. */
export function cardActionEvent(
  fake: FakeFeishu,
  token: string,
  input: { messageId: string; chatId: string; operatorId: string; value: Json; eventId?: string; action?: Json },
): Json {
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? randomUUID(),
      event_type: 'card.action.trigger',
      create_time: String(Date.now() * 1000),
      token,
      app_id: fake.appId,
      tenant_key: 'tk',
    },
    event: {
      operator: { tenant_key: 'tk', open_id: input.operatorId, union_id: 'on_op', user_id: 'u_op' },
      token: 'c-callback-token',
      action: input.action ?? { tag: 'button', value: input.value },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  };
}

/** AES-256-CBC with key sha256(encryptKey) and a random IV in front, base64: Feishu's event encryption. */
export function encrypt(payload: unknown, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64');
}

/** Feishu's request signature headers over the raw body. */
export function signatureHeaders(rawBody: string, encryptKey: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const signature = createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
  return { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature };
}

export interface WebhookResponse {
  status: number;
  body: unknown;
}

/** The environment that points a bot in webhook mode at this fake, with these secrets (as `npm start` reads it). */
export function webhookEnvironment(fake: FakeFeishu, secrets: { encryptKey: string; verificationToken: string }): Record<string, string> {
  return {
    LARK_APP_ID: fake.credentials.appId,
    LARK_APP_SECRET: fake.credentials.appSecret,
    LARK_MODE: 'webhook',
    LARK_DOMAIN: fake.baseUrl,
    LARK_VERIFICATION_TOKEN: secrets.verificationToken,
    LARK_ENCRYPT_KEY: secrets.encryptKey,
  };
}

/** Posts events to the bot's webhook the way the platform does (encrypted and signed unless told otherwise). */
export class WebhookClient {
  constructor(
    readonly url: string,
    readonly secrets: { encryptKey: string; verificationToken: string },
  ) {}

  async post(payload: unknown, options: { signature?: 'valid' | 'wrong' | 'none'; encrypted?: boolean } = {}): Promise<WebhookResponse> {
    const raw = JSON.stringify(options.encrypted === false ? payload : { encrypt: encrypt(payload, this.secrets.encryptKey) });
    const signature = options.signature ?? 'valid';
    const headers = signature === 'none' ? {} : signatureHeaders(raw, signature === 'valid' ? this.secrets.encryptKey : 'not-the-key');
    return this.postRaw(raw, headers);
  }

  async postRaw(raw: string, headers: Record<string, string> = {}): Promise<WebhookResponse> {
    const response = await fetch(this.url, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }

  /**
   * Clicks a card button: the callback goes to the webhook and its response is applied to the card as
   * Feishu does (not after the 3 s deadline, not to a card entity still streaming).
   */
  async click(
    fake: FakeFeishu,
    input: { messageId: string; chatId: string; operatorId: string; value: Json; eventId?: string },
  ): Promise<WebhookResponse & { outcome?: CallbackOutcome }> {
    const started = Date.now();
    const response = await this.post(cardActionEvent(fake, this.secrets.verificationToken, input));
    if (response.status !== 200) return response;
    return { ...response, outcome: fake.applyCallbackResponse(input.messageId, response.body, Date.now() - started) };
  }

  /**
   * Submits the form of the card a message shows, as the client does: `choices` by field name (the
   * others keep their initial option). Throws when the client could not submit it (a choice not
   * offered, a required field empty): the platform never sends such a callback.
   */
  async submitForm(
    fake: FakeFeishu,
    input: { messageId: string; chatId: string; operatorId: string; choices: Record<string, string> },
  ): Promise<WebhookResponse & { outcome?: CallbackOutcome }> {
    const submission = formSubmission(fake.cardOf(input.messageId), input.choices);
    if ('blocked' in submission) throw new Error(`the client would not submit this form: ${submission.blocked}`);
    const started = Date.now();
    const response = await this.post(
      cardActionEvent(fake, this.secrets.verificationToken, { ...input, value: submission.value, action: submission.action }),
    );
    if (response.status !== 200) return response;
    return { ...response, outcome: fake.applyCallbackResponse(input.messageId, response.body, Date.now() - started) };
  }
}
