/** Questions that share a missing topic: the documents admins should add. */
interface Gap<T> {
  items: T[];
  /** The most central item's text names the group. */
  label: string;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let left = 0;
  let right = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    left += x * x;
    right += y * y;
  }
  return left === 0 || right === 0 ? 0 : dot / Math.sqrt(left * right);
}

/**
 * Greedy single-pass grouping: each item joins the first group whose first member is at least
 * `threshold` similar, else starts one. Largest groups first. Pure: vectors come from the caller.
 */
export function groupBySimilarity<T>(
  items: readonly T[],
  vectors: readonly Float32Array[],
  textOf: (item: T) => string,
  threshold = 0.8,
): Array<Gap<T>> {
  const groups: Array<{ seed: Float32Array; items: T[] }> = [];
  items.forEach((item, index) => {
    const vector = vectors[index];
    if (!vector) return;
    const home = groups.find((group) => cosine(group.seed, vector) >= threshold);
    if (home) home.items.push(item);
    else groups.push({ seed: vector, items: [item] });
  });
  return groups
    .sort((a, b) => b.items.length - a.items.length)
    .map((group) => ({ items: group.items, label: group.items[0] ? textOf(group.items[0]) : '' }));
}
