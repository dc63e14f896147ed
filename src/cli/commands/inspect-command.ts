import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { chunkDocument, loadDocument, parseDocument } from '../../ingest/index.js';
import { formatInspect, inspectReport } from '../inspect-report.js';
import type { Runtime } from '../../app/index.js';

/**
 * `inspect FILE… [--json]`: what the parser made of one document (title, 文号, period, status, section tree,
 * table records), without indexing it, so an admin can check a new file before putting it in DOCS_DIR.
 */
export async function inspectCommand(runtime: Runtime, files: string[], json: boolean, today: Date): Promise<number> {
  for (const [index, file] of files.entries()) {
    const source = await loadDocument(basename(file), await readFile(file));
    const parsed = parseDocument(source);
    const report = inspectReport(parsed, chunkDocument(parsed, runtime.config.CHUNK_SIZE).length, today);
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${index > 0 ? '\n' : ''}${formatInspect(report)}`);
  }
  return 0;
}
