export { FileFormatError, openDurableAppend, readJsonFile, writeFileAtomic } from './durable-file.js';
export { openJsonLines, parseJsonLines, readJsonLines, type JsonLinesFile, type SkippedLine } from './json-lines.js';
