// Pure ORT: same [B,L] input repeated; per-run ms, to see machine/ORT variance.
import ort from 'onnxruntime-node';
const so = JSON.parse(process.env.SO ?? '{}');
const s = await ort.InferenceSession.create(process.env.MODEL ?? 'models/BAAI/bge-small-zh-v1.5/onnx/model_quantized.onnx', so);
const [B, L] = (process.env.SHAPE ?? '2,512').split(',').map(Number);
const ids = new BigInt64Array(B * L).map((_, i) => BigInt(100 + (i * 37) % 20000)); const mask = new BigInt64Array(B * L).fill(1n);
const feeds = { input_ids: new ort.Tensor('int64', ids, [B, L]), attention_mask: new ort.Tensor('int64', mask, [B, L]), token_type_ids: new ort.Tensor('int64', new BigInt64Array(B * L), [B, L]) };
await s.run(feeds);
const times = [];
for (let i = 0; i < Number(process.env.REPS ?? 30); i++) { const t = performance.now(); await s.run(feeds); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(`shape ${B}x${L} ${JSON.stringify(so)}: min ${times[0].toFixed(1)} med ${times[times.length >> 1].toFixed(1)} max ${times.at(-1).toFixed(1)} ms  -> ${(B * 1000 / times[times.length >> 1]).toFixed(1)} seq/s`);
