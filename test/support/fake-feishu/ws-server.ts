// A loopback long-connection endpoint speaking the SDK's protocol: `POST /callback/ws/endpoint` hands
// out a ws:// URL on the fake's own port; the WebSocket (RFC 6455, written out here: binary frames,
// ping/pong, close) carries protobuf frames (ws-frames.ts). A test pushes events and reads the acks,
// which the SDK sends only after the event's handler has finished, with the handler's result inside.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { decodeFrame, encodeFrame, type Frame } from './ws-frames.js';

/** The ack of one pushed event: the SDK's code (200, or 500 when the handler threw) and the handler's result. */
export interface EventAck {
  code: number;
  data?: unknown;
  /** When the ack arrived (ms). */
  at: number;
}

const SERVICE_ID = 33554678;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One WebSocket frame from the client (masked), or undefined if `buffer` does not hold a whole one yet. */
function readWsFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked)
    for (let index = 0; index < payload.length; index += 1)
      payload[index] = (payload[index] ?? 0) ^ (buffer[maskOffset + (index % 4)] ?? 0);
  return { opcode, payload, length: offset + length };
}

function wsFrame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : payload.length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (payload.length >= 126 && payload.length < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(payload.length, 2);
  } else if (payload.length >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** The long-connection side of the fake platform. */
export class FakeLongConnection {
  private socket: Duplex | undefined;
  private readonly waiting = new Map<string, (ack: EventAck) => void>();
  private readonly connectedListeners: Array<() => void> = [];
  private seq = 0;
  /** Control frames the client sent (pings). */
  readonly pings: Frame[] = [];

  constructor(private readonly baseUrl: () => string) {}

  /** The answer to `POST /callback/ws/endpoint`. */
  endpoint(): Record<string, unknown> {
    const url = `${this.baseUrl().replace(/^http/, 'ws')}/ws/v2?fpid=493&aid=552564&device_id=fake-device&access_key=k&service_id=${SERVICE_ID}&ticket=t`;
    return {
      code: 0,
      msg: 'ok',
      data: { URL: url, ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 } },
    };
  }

  /** Resolves once a client is connected. */
  connected(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve) => this.connectedListeners.push(resolve));
  }

  /** The HTTP server's `upgrade` handler. */
  upgrade(request: IncomingMessage, socket: Duplex): void {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string' || !request.url?.startsWith('/ws/')) return void socket.destroy();
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.socket = socket;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readWsFrame(pending); frame; frame = readWsFrame(pending)) {
        pending = pending.subarray(frame.length);
        this.onWsFrame(frame.opcode, frame.payload);
      }
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    socket.on('error', () => undefined);
    for (const listener of this.connectedListeners.splice(0)) listener();
  }

  /** Pushes an event (schema 2.0 JSON) as a data frame; resolves with the client's ack. */
  push(event: unknown, timeoutMs = 10_000): Promise<EventAck> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('no long connection'));
    const messageId = randomUUID();
    this.seq += 1;
    const frame: Frame = {
      seqId: this.seq,
      logId: this.seq,
      service: SERVICE_ID,
      method: 1,
      headers: { type: 'event', message_id: messageId, sum: '1', seq: '0', trace_id: `trace-${this.seq}` },
      payload: Buffer.from(JSON.stringify(event)),
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(messageId);
        reject(new Error(`no ack for ${messageId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(messageId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.write(wsFrame(2, encodeFrame(frame)));
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private onWsFrame(opcode: number, payload: Buffer): void {
    if (opcode === 9) return void this.socket?.write(wsFrame(10, payload));
    if (opcode === 8) return void this.socket?.end(wsFrame(8, Buffer.alloc(0)));
    if (opcode !== 2) return;
    const frame = decodeFrame(payload);
    if (frame.method === 0) {
      this.pings.push(frame);
      const pong = {
        ...frame,
        headers: { type: 'pong' },
        payload: Buffer.from(JSON.stringify({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 })),
      };
      return void this.socket?.write(wsFrame(2, encodeFrame(pong)));
    }
    const messageId = frame.headers.message_id ?? '';
    const resolve = this.waiting.get(messageId);
    if (!resolve) return;
    this.waiting.delete(messageId);
    const body: unknown = JSON.parse(frame.payload?.toString('utf8') ?? '{}');
    const code = typeof body === 'object' && body !== null ? Number(Reflect.get(body, 'code')) : 0;
    const data: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'data') : undefined;
    resolve({
      code,
      at: Date.now(),
      ...(typeof data === 'string' ? { data: JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as unknown } : {}),
    });
  }
}
