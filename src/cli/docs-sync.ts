import {
  docsDrift,
  driftIsEmpty,
  hashDocsFiles,
  IndexError,
  layout,
  readCurrentBuild,
  readManifest,
  type DocsDrift,
  type Manifest,
} from '../index/index.js';
import type { Logger } from '../log/index.js';
import { buildWithProgress } from './build-with-progress.js';
import type { Runtime } from '../app/index.js';

/** One Chinese line naming what changed, for the console and the bot's start-up output. */
export function describeDrift(drift: DocsDrift, limit = 5): string {
  const list = (names: string[]): string =>
    names.length > limit ? `${names.slice(0, limit).join('、')} 等 ${names.length} 个` : names.join('、');
  const parts = [
    drift.added.length > 0 ? `新增 ${list(drift.added)}` : '',
    drift.changed.length > 0 ? `修改 ${list(drift.changed)}` : '',
    drift.removed.length > 0 ? `删除 ${list(drift.removed)}` : '',
  ].filter((part) => part !== '');
  return parts.join('；');
}

/** The manifest of the local build in INDEX_DIR (also written before a PostgreSQL publish), if any. */
function localManifest(indexDir: string): Manifest | undefined {
  const buildId = readCurrentBuild(indexDir);
  if (!buildId) return undefined;
  try {
    return readManifest(layout.build(indexDir, buildId));
  } catch {
    return undefined;
  }
}

/**
 * At start: compares DOCS_DIR with the files the serving index was built from and, when they differ,
 * re-indexes (incrementally: unchanged chunks come from the embedding cache) before the first answer,
 * saying what changed. Returns the drift found, or undefined when there was nothing to compare.
 */
export async function syncIndexWithDocs(
  runtime: Runtime,
  logger: Logger,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Promise<DocsDrift | undefined> {
  const { config } = runtime;
  const manifest = localManifest(config.INDEX_DIR);
  if (!manifest) return undefined;
  const current = await hashDocsFiles(config.DOCS_DIR);
  // an index built before file hashes were recorded: every file counts as changed once (the cache makes it cheap)
  const drift = docsDrift(manifest.files ?? {}, current);
  if (manifest.files !== undefined && driftIsEmpty(drift)) return drift;
  write(
    manifest.files === undefined
      ? `索引未记录文档指纹（旧版本建立），正在按 ${config.DOCS_DIR} 重新核对 …\n`
      : `${config.DOCS_DIR} 里的文档有变化（${describeDrift(drift)}），正在更新索引 …\n`,
  );
  try {
    const summary = await buildWithProgress(runtime, logger);
    write(
      `索引已更新：${summary.documents} 个文档，${summary.chunks} 个片段（新嵌入 ${summary.embedded} 个），用时 ${summary.seconds.toFixed(1)} 秒。\n`,
    );
  } catch (error) {
    if (!(error instanceof IndexError && error.code === 'busy')) throw error;
    write(`${error.message}：暂时沿用现有索引，它完成后会自动换上新索引。\n`);
  }
  return drift;
}
