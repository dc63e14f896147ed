export {
  FakeFeishu,
  type CardEntity,
  type DelayRule,
  type FailureRule,
  type FakeFeishuOptions,
  type FakeMessage,
  type FakeModule,
  type FakeReaction,
  type Json,
  type RecordedCall,
  type SendFate,
} from './fake-open-platform.js';
export {
  cardActionEvent,
  encrypt,
  messageEvent,
  platformEvent,
  signatureHeaders,
  WebhookClient,
  webhookEnvironment,
  type MessageEventInput,
  type WebhookResponse,
} from './events.js';
export { cardProblem, MAX_CARD_BYTES } from './card-schema.js';
export { formSubmission, type FormSubmission } from './form-submit.js';
export { API_SCOPES, DEFAULT_GRANTED_SCOPES } from './scopes.js';
export { CALLBACK_DEADLINE_MS, type CallbackOutcome } from './callbacks.js';
export { FakeLongConnection, type EventAck } from './ws-server.js';
export { decodeFrame, encodeFrame, type Frame } from './ws-frames.js';
export { FakeOAuth } from './oauth.js';
export { FakeChats } from './chats.js';
