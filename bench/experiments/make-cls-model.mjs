// node make-cls-model.mjs <in model_quantized.onnx> <out model_cls_quantized.onnx>
// Dependency-free protobuf edit of bge-small-zh's quantized ONNX: the last encoder layer computes only the [CLS] row
// (K/V still see every token). Output last_hidden_state becomes [batch, 1, 512]; CLS pooling reads row 0 as before.
import { readFileSync, writeFileSync } from 'node:fs';

const X = '/encoder/layer.2/output/LayerNorm/Add_1_output_0'; // hidden state entering the last layer
const XQ = `${X}_quantized`;
const REWIRE = { '/encoder/layer.3/attention/self/query/MatMul_quant': [0, 'cls_xq'], '/encoder/layer.3/attention/output/Add': [1, 'cls_x'] };

function readVarint(buf, pos) { let v = 0n, shift = 0n, b; do { b = buf[pos++]; v |= BigInt(b & 0x7f) << shift; shift += 7n; } while (b & 0x80); return [v, pos]; }
function varint(v) { v = BigInt(v); const out = []; do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; out.push(b); } while (v); return Buffer.from(out); }
/** Top-level fields of one message: [{ field, wire, raw (whole field bytes), body (payload for LEN) }]. */
function fields(buf) {
  const out = []; let pos = 0;
  while (pos < buf.length) {
    const start = pos; let key; [key, pos] = readVarint(buf, pos);
    const field = Number(key >> 3n), wire = Number(key & 7n); let body;
    if (wire === 0) [, pos] = readVarint(buf, pos);
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) { let len; [len, pos] = readVarint(buf, pos); body = buf.subarray(pos, pos + Number(len)); pos += Number(len); }
    else throw new Error(`wire type ${wire}`);
    out.push({ field, wire, raw: buf.subarray(start, pos), body });
  }
  return out;
}
const len = (field, payload) => Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
const str = (field, s) => len(field, Buffer.from(s, 'utf8'));
const node = (op, inputs, outputs, name) => len(1, Buffer.concat([...inputs.map((s) => str(1, s)), ...outputs.map((s) => str(2, s)), str(3, name), str(4, op)]));
const int64Init = (name, value) => { const raw = Buffer.alloc(8); raw.writeBigInt64LE(BigInt(value)); return len(5, Buffer.concat([varint((1 << 3) | 0), varint(1), varint((2 << 3) | 0), varint(7), str(8, name), len(9, raw)])); };

const model = readFileSync(process.argv[2]);
const top = fields(model);
const graphField = top.find((f) => f.field === 7);
let found = 0;
const graphParts = fields(graphField.body).map((f) => {
  if (f.field !== 1) return f.raw;
  const nf = fields(f.body);
  const name = nf.find((x) => x.field === 3)?.body.toString('utf8');
  const rewire = REWIRE[name];
  if (!rewire) return f.raw;
  found++;
  let k = -1;
  return len(1, Buffer.concat(nf.map((x) => (x.field === 1 && ++k === rewire[0] ? str(1, rewire[1]) : x.raw))));
});
if (found !== 2) throw new Error(`expected 2 nodes to rewire, found ${found}: not the bge-small-zh-v1.5 quantized graph`);
graphParts.push(
  node('Slice', [X, 'cls_starts', 'cls_ends', 'cls_axes'], ['cls_x'], 'cls_slice_x'),
  node('Slice', [XQ, 'cls_starts', 'cls_ends', 'cls_axes'], ['cls_xq'], 'cls_slice_xq'),
  int64Init('cls_starts', 0), int64Init('cls_ends', 1), int64Init('cls_axes', 1),
);
const out = Buffer.concat(top.map((f) => (f === graphField ? len(7, Buffer.concat(graphParts)) : f.raw)));
writeFileSync(process.argv[3], out);
console.log(`wrote ${process.argv[3]} (${out.length} bytes)`);
