import type { Citation, ComparisonRow } from '../types.js';

/** An answer composed from evidence, before notices and the result contract are added. */
export interface Composed {
  answerable: boolean;
  answer: string;
  citations: Citation[];
  /** What the documents do not state, named in a refusal (咨询电话, 具体金额…). */
  missing?: string[];
  /** A comparison's rows, one per place, beside the text answer. */
  comparison?: ComparisonRow[];
}
