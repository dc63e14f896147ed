// The long connection's frames as the SDKs define them (node-sdk's pbbp2.Frame, oapi-sdk-go ws/): a
// protobuf message, encoded here by hand so the fake needs no generated code.
//   Frame { uint64 SeqID = 1; uint64 LogID = 2; int32 service = 3; int32 method = 4;
//           repeated Header headers = 5; string payload_encoding = 6; string payload_type = 7;
//           bytes payload = 8; string LogIDNew = 9 }   Header { string key = 1; string value = 2 }
// method 0 is a control frame (headers type=ping/pong), 1 a data frame (type=event, with message_id,
// sum, seq, trace_id); the client answers a data frame with the same frame, its payload replaced by
// {"code":200,"data":base64(JSON of the handler's result)} and a biz_rt header.

export interface Frame {
  seqId: number;
  logId: number;
  service: number;
  method: 0 | 1;
  headers: Record<string, string>;
  payload?: Buffer;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function field(number: number, wireType: 0 | 2, value: Buffer): Buffer {
  const tag = varint(number * 8 + wireType);
  return wireType === 0 ? Buffer.concat([tag, value]) : Buffer.concat([tag, varint(value.length), value]);
}

export function encodeFrame(frame: Frame): Buffer {
  const headers = Object.entries(frame.headers).map(([key, value]) =>
    field(5, 2, Buffer.concat([field(1, 2, Buffer.from(key)), field(2, 2, Buffer.from(value))])),
  );
  return Buffer.concat([
    field(1, 0, varint(frame.seqId)),
    field(2, 0, varint(frame.logId)),
    field(3, 0, varint(frame.service)),
    field(4, 0, varint(frame.method)),
    ...headers,
    ...(frame.payload ? [field(8, 2, frame.payload)] : []),
  ]);
}

/** Reads the fields of one protobuf message: varints as numbers, length-delimited ones as buffers. */
function fields(buffer: Buffer): Array<{ number: number; value: number | Buffer }> {
  const out: Array<{ number: number; value: number | Buffer }> = [];
  let offset = 0;
  const readVarint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = buffer[offset] ?? 0;
      offset += 1;
      result += (byte & 0x7f) * scale;
      scale *= 0x80;
      if (byte < 0x80) return result;
    }
  };
  while (offset < buffer.length) {
    const tag = readVarint();
    const wireType = tag % 8;
    if (wireType === 0) out.push({ number: Math.floor(tag / 8), value: readVarint() });
    else if (wireType === 2) {
      const length = readVarint();
      out.push({ number: Math.floor(tag / 8), value: buffer.subarray(offset, offset + length) });
      offset += length;
    } else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
  return out;
}

export function decodeFrame(buffer: Buffer): Frame {
  const frame: Frame = { seqId: 0, logId: 0, service: 0, method: 0, headers: {} };
  for (const { number, value } of fields(buffer)) {
    if (typeof value === 'number') {
      if (number === 1) frame.seqId = value;
      else if (number === 2) frame.logId = value;
      else if (number === 3) frame.service = value;
      else if (number === 4) frame.method = value === 1 ? 1 : 0;
    } else if (number === 5) {
      const parts = fields(value);
      const key = parts.find((part) => part.number === 1)?.value;
      const headerValue = parts.find((part) => part.number === 2)?.value;
      if (Buffer.isBuffer(key)) frame.headers[key.toString()] = Buffer.isBuffer(headerValue) ? headerValue.toString() : '';
    } else if (number === 8) frame.payload = Buffer.from(value);
  }
  return frame;
}
