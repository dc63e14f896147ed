/** Rough token count for bge's WordPiece vocabulary: one per Han character, ~4 Latin chars per token. */
export function estimateTokens(text: string, maxTokens = 512): number {
  const han = (text.match(/[\u3400-\u9fff\uf900-\ufaff]/g) ?? []).length;
  return Math.min(maxTokens, han + Math.ceil((text.length - han) / 4) + 2);
}

/**
 * Groups text indices into batches of similar length under a token budget (padded size),
 * so little compute is wasted on padding: sorted by length, cut when the padded batch is full.
 */
export function planBatches(tokenCounts: number[], tokenBudget: number, maxBatch = 64): number[][] {
  const order = tokenCounts.map((count, index) => ({ count, index })).sort((a, b) => a.count - b.count);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const { count, index } of order) {
    const padded = Math.max(longest, count) * (current.length + 1);
    if (current.length > 0 && (padded > tokenBudget || current.length >= maxBatch)) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(index);
    longest = Math.max(longest, count);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Cuts a text to about `maxTokens` (same estimate as above). The dense view of a chunk is its head
 * (title, section, opening sentences); BM25 still indexes all of it.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text, Number.MAX_SAFE_INTEGER) <= maxTokens) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimateTokens(text.slice(0, middle), Number.MAX_SAFE_INTEGER) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  return text.slice(0, low);
}
