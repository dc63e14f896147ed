// cardkit/v1: card entities with the streaming guide's rules. streaming_mode is switched by creation
// and the settings API (PATCH …/settings) only; text streams only while it is on (300309 when the app
// closed it, 200850 once the platform closed it after 10 minutes); each text should extend the last
// one (else the client redraws: counted in `prefixBreaks`); sequence grows per card (300317); 10
// calls a second per card; calls on a streaming card are not counted against the per-API limits.
import { cardProblem, PROPERTIES_OF_CONFIG } from './card-schema.js';
import { isJson, parseJson, walk, type Json, type Respond, type Route, type RouteRequest } from './router.js';
import { API_SCOPES } from './scopes.js';
import type { CardEntity, FakeState } from './state.js';

/** The platform closes streaming this long after it was switched on. */
export const STREAMING_LIMIT_MS = 10 * 60_000;

/** Closes streaming that outlived the limit, as the platform does on its own. */
function expireStreaming(state: FakeState, entity: CardEntity): void {
  if (entity.streaming && state.now() - entity.streamingSince >= state.streamingLimitMs) {
    entity.streaming = false;
    entity.streamingTimedOut = true;
  }
}

/** True when `request` is a call on a card entity that is streaming now (exempt from the per-API limits). */
function onStreamingCard(state: FakeState, request: RouteRequest): boolean {
  const entity = state.cards.get(request.params[0] ?? '');
  if (!entity) return false;
  expireStreaming(state, entity);
  return entity.streaming;
}

function bytesOf(data: string): number {
  return Buffer.byteLength(data);
}

/** The checks every update of an entity passes: exists, 10 a second, uuid, sequence. */
function admit(state: FakeState, cardId: string, body: unknown, respond: Respond): CardEntity | undefined {
  const entity = state.cards.get(cardId);
  if (!entity) return void respond(400, { code: 200740, msg: 'The card entity does not exist' });
  expireStreaming(state, entity);
  const now = state.now();
  entity.recentCalls = entity.recentCalls.filter((time) => time > now - 1000);
  if (entity.recentCalls.length >= state.cardCallsPerSecond) {
    return void respond(
      429,
      { code: 99991400, msg: 'request trigger frequency limit: 10 operations a second per card' },
      { 'x-ogw-ratelimit-reset': '1' },
    );
  }
  if (!isJson(body) || typeof body.sequence !== 'number' || !Number.isInteger(body.sequence) || body.sequence < 1)
    return void respond(400, { code: 10002, msg: 'sequence required' });
  const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
  if (uuid && entity.uuids.has(uuid)) {
    if (state.cardUuidRepeat === 'conflict') return void respond(400, { code: 200770, msg: 'UUID conflict' });
    return void respond(200, { code: 0, msg: 'ok', data: {} });
  }
  if (body.sequence <= entity.sequence)
    return void respond(400, { code: 300317, msg: 'The sequence number for operating on the card did not increment consecutively' });
  entity.recentCalls.push(now);
  entity.sequence = body.sequence;
  if (uuid) entity.uuids.add(uuid);
  return entity;
}

function changed(state: FakeState, entity: CardEntity, respond: Respond): void {
  entity.history.push(structuredClone(entity.card));
  const message = entity.sentAs ? state.messages.get(entity.sentAs) : undefined;
  if (message) message.updates += 1;
  respond(200, { code: 0, msg: 'ok', data: {} });
}

function streamText(state: FakeState, cardId: string, elementId: string, body: unknown, respond: Respond): void {
  if (!state.cards.has(cardId)) return respond(400, { code: 200740, msg: 'The card entity does not exist' });
  const before = state.cards.get(cardId);
  if (before) expireStreaming(state, before);
  if (before && !before.streaming) {
    return before.streamingTimedOut
      ? respond(400, { code: 200850, msg: 'Card streaming timeout' })
      : respond(400, { code: 300309, msg: 'Card streaming closed' });
  }
  if (!isJson(body) || typeof body.content !== 'string' || body.content.length < 1 || body.content.length > 100_000)
    return respond(400, { code: 10002, msg: 'content must be 1-100000 characters' });
  const entity = admit(state, cardId, body, respond);
  if (!entity) return;
  const content = body.content;
  let found = false;
  walk(entity.card, (object) => {
    if (object.element_id !== elementId) return;
    found = true;
    if (object.tag === 'markdown') object.content = content;
    else if (isJson(object.text)) object.text.content = content;
  });
  if (!found) return respond(400, { code: 300302, msg: 'element not found' });
  const last = entity.streamed.get(elementId);
  if (last !== undefined && !content.startsWith(last)) entity.prefixBreaks += 1;
  entity.streamed.set(elementId, content);
  changed(state, entity, respond);
}

function settings(state: FakeState, cardId: string, body: unknown, respond: Respond): void {
  const parsed = isJson(body) && typeof body.settings === 'string' ? parseJson(body.settings) : undefined;
  if (!isJson(parsed) || !isJson(parsed.config)) return respond(400, { code: 10002, msg: 'settings must be a JSON string with config' });
  const unknown = Object.keys(parsed).filter((key) => key !== 'config' && key !== 'card_link');
  const unknownConfig = Object.keys(parsed.config).filter((key) => !PROPERTIES_OF_CONFIG.includes(key));
  if (unknown.length + unknownConfig.length > 0)
    return respond(400, { code: 10002, msg: `unknown settings: ${[...unknown, ...unknownConfig].join(', ')}` });
  const entity = admit(state, cardId, body, respond);
  if (!entity) return;
  const config: Json = parsed.config;
  if (config.streaming_mode === true) {
    entity.streaming = true;
    entity.streamingSince = state.now();
    entity.streamingTimedOut = false;
  } else if (config.streaming_mode === false) entity.streaming = false;
  entity.card = { ...entity.card, config: { ...(isJson(entity.card.config) ? entity.card.config : {}), ...config } };
  changed(state, entity, respond);
}

function update(state: FakeState, cardId: string, body: unknown, respond: Respond): void {
  const data = isJson(body) && isJson(body.card) && typeof body.card.data === 'string' ? body.card.data : undefined;
  const card = data === undefined ? undefined : parseJson(data);
  if (data === undefined || !isJson(card)) return respond(400, { code: 300307, msg: 'The card DSL is empty' });
  const problem = cardProblem(card, bytesOf(data));
  if (problem)
    return respond(400, { code: bytesOf(data) > 30 * 1024 ? 200860 : 200220, msg: `Failed to generate card content: ${problem}` });
  const entity = admit(state, cardId, body, respond);
  if (!entity) return;
  // the card's own streaming_mode is not the switch: the entity keeps its state (settings API only)
  const config = isJson(card.config) ? card.config : {};
  entity.card = { ...card, config: { ...config, streaming_mode: entity.streaming } };
  changed(state, entity, respond);
}

/** The cardkit/v1 routes. */
export function cardkitRoutes(state: FakeState): Route[] {
  const exempt = (request: RouteRequest): boolean => onStreamingCard(state, request);
  return [
    {
      method: 'POST',
      path: /^\/open-apis\/cardkit\/v1\/cards$/,
      api: 'cardkit.card.create',
      scopes: API_SCOPES.cardkit,
      handle({ body }, respond) {
        if (!isJson(body) || body.type !== 'card_json' || typeof body.data !== 'string')
          return respond(400, { code: 10002, msg: 'type card_json and data required' });
        const card = parseJson(body.data);
        const problem = cardProblem(card, bytesOf(body.data));
        if (problem || !isJson(card))
          return respond(400, {
            code: bytesOf(body.data) > 30 * 1024 ? 200860 : 200220,
            msg: `Failed to generate card content: ${problem ?? 'not JSON'}`,
          });
        const cardId = state.nextId('7c');
        const streaming = isJson(card.config) && card.config.streaming_mode === true;
        state.cards.set(cardId, {
          card,
          sequence: 0,
          history: [structuredClone(card)],
          streaming,
          streamingSince: state.now(),
          streamingTimedOut: false,
          streamed: new Map(),
          prefixBreaks: 0,
          recentCalls: [],
          uuids: new Set(),
        });
        respond(200, { code: 0, msg: 'ok', data: { card_id: cardId } });
      },
    },
    {
      method: 'PUT',
      path: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/elements\/([^/]+)\/content$/,
      api: 'cardkit.card.element.content',
      scopes: API_SCOPES.cardkit,
      exempt,
      handle: ({ params, body }, respond) => streamText(state, params[0] ?? '', params[1] ?? '', body, respond),
    },
    {
      method: 'PATCH',
      path: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/settings$/,
      api: 'cardkit.card.settings',
      scopes: API_SCOPES.cardkit,
      exempt,
      handle: ({ params, body }, respond) => settings(state, params[0] ?? '', body, respond),
    },
    {
      method: 'PUT',
      path: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)$/,
      api: 'cardkit.card.update',
      scopes: API_SCOPES.cardkit,
      exempt,
      handle: ({ params, body }, respond) => update(state, params[0] ?? '', body, respond),
    },
  ];
}
