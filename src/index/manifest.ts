import { z } from 'zod';
import { documentFactsSchema, documentMeasuresSchema } from '../ingest/index.js';

/** What a build contains and how it was made; validated on load. */
export const manifestSchema = z.object({
  version: z.literal(1),
  buildId: z.string(),
  modelId: z.string(),
  dimensions: z.number().int().positive(),
  tokenizer: z.enum(['bigram', 'jieba', 'both']),
  chunkSize: z.number().int().positive(),
  builtAt: z.string(),
  documents: z.record(
    z.string(),
    z.object({
      hash: z.string(),
      title: z.string(),
      docNumber: z.string().optional(),
      chunks: z.number().int(),
      /** Absent in indexes built before document facts were read. */
      facts: documentFactsSchema.optional(),
      /** Absent in indexes built before measures were read; kept in the manifest so the PostgreSQL generation carries them too. */
      measures: documentMeasuresSchema.optional(),
    }),
  ),
  counts: z.object({ documents: z.number().int(), chunks: z.number().int() }),
  /** sha256 of each DOCS_DIR file's bytes at build time, so a start can tell the index is stale without parsing. */
  files: z.record(z.string(), z.string()).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
