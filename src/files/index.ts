export { FileFormatError, openDurableAppend, readJsonFile, writeFileAtomic, type AtomicWriteOptions, type DurableAppendFile } from './durable-file.js';
export { openJsonLines, parseJsonLines, readJsonLines, type JsonLinesFile, type SkippedLine } from './json-lines.js';
