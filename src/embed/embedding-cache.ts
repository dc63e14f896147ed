import { createHash } from 'node:crypto';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { openDurableAppend } from '../files/index.js';

const KEY_BYTES = 20;

/** Cache key of an embedding: the model and the exact text. */
export function embeddingKey(modelId: string, text: string): string {
  return createHash('sha1').update(modelId).update('\0').update(text).digest('hex');
}

/**
 * Append-only file of (sha1 key, float32 vector) records, so a re-index embeds only new or
 * changed chunks. A torn last record (crash mid-write) is ignored on load.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly pending: Array<[string, Float32Array]> = [];

  constructor(
    private readonly file: string,
    private readonly dimensions: number,
  ) {
    if (!existsSync(file)) return;
    const bytes = readFileSync(file);
    const recordBytes = KEY_BYTES + dimensions * 4;
    const whole = bytes.length - (bytes.length % recordBytes);
    if (whole !== bytes.length) truncateSync(file, whole);
    for (let offset = 0; offset + recordBytes <= bytes.length; offset += recordBytes) {
      const key = bytes.subarray(offset, offset + KEY_BYTES).toString('hex');
      const copy = new Uint8Array(bytes.subarray(offset + KEY_BYTES, offset + recordBytes));
      this.vectors.set(key, new Float32Array(copy.buffer));
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  get(key: string): Float32Array | undefined {
    return this.vectors.get(key);
  }

  set(key: string, vector: Float32Array): void {
    if (vector.length !== this.dimensions || this.vectors.has(key)) return;
    this.vectors.set(key, vector);
    this.pending.push([key, vector]);
  }

  /** Appends new entries and fsyncs, so a crash after flush never loses them. */
  flush(): void {
    if (this.pending.length === 0) return;
    const file = openDurableAppend(this.file);
    try {
      file.append(
        ...this.pending.flatMap(([key, vector]) => [
          Buffer.from(key, 'hex'),
          new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength),
        ]),
      );
    } finally {
      file.close();
    }
    this.pending.length = 0;
  }
}
