export { FakeFeishu, type FakeModule, type FailureRule, type FakeFeishuOptions, type FakeMessage, type Json, type RecordedCall, type SendFate } from './fake-open-platform.js';
export { cardActionEvent, encrypt, messageEvent, signatureHeaders, WebhookClient, webhookEnvironment, type MessageEventInput, type WebhookResponse } from './events.js';
export { FakeOAuth } from './oauth.js';
export { FakeChats } from './chats.js';
