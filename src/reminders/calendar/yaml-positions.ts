import { isNode, type Document, type LineCounter } from 'yaml';

/** A zod issue path (or any path into the parsed YAML). */
export type IssuePath = ReadonlyArray<PropertyKey>;

/**
 * The 1-based line of the YAML node at `path`, or of its nearest existing ancestor (a missing key is
 * reported on its entry's first line).
 */
export function lineOf(document: Document, counter: LineCounter, path: IssuePath): number {
  const keys = path.filter((key): key is string | number => typeof key === 'string' || typeof key === 'number');
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** `entries[3].when`: a path as a reader of the file would write it. */
export function formatPath(path: IssuePath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(file)';
}
