import { readFileSync } from 'node:fs';
import { parseDocument } from './src/ingest/index.js';
const p = parseDocument({ source: 'x', text: readFileSync('seeds/001_98514965c77a636e.txt', 'utf8') });
console.log(p.tables);
for (const b of p.blocks) if (b.kind === 'table-row' || b.kind === 'table-text') { if (b.sectionPath.at(-1)?.includes('分解')) console.log(b.kind, b.spans[0]?.text); }
const q = parseDocument({ source: 'y', text: readFileSync('seeds/000_3f696c61fb7e75d6.txt', 'utf8') });
console.log(q.tables);
