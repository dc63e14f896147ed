import { loadDocument } from '../ingest/index.js';
import type { BuildStage, BuildSummary } from '../index/index.js';
import type { Logger } from '../log/index.js';
import type { DocumentLibrary, StoredDocument } from './document-library.js';
import { AdminError } from './errors.js';
import { checkFileContent, checkFileName } from './upload-check.js';

/** Where a re-index is: the build's stage and count, as the progress card shows it. */
export interface ReindexProgress {
  stage: BuildStage;
  done: number;
  total: number;
}

export type OnProgress = (progress: ReindexProgress) => void;

/** Builds DOCS_DIR into a new index and swaps it in for answering; the old one serves until then. */
type RebuildIndex = (onProgress: OnProgress) => Promise<BuildSummary>;

/** What an accepted upload did. */
export interface UploadResult {
  name: string;
  replaced: boolean;
  summary: BuildSummary;
}

/** Admin operations on the knowledge base, one at a time. */
export interface KnowledgeAdmin {
  /** The re-index in progress, if any. */
  readonly running: ReindexProgress | undefined;
  /** A re-index is running or queued: `reindex()` would be refused. */
  readonly busy: boolean;
  documents(): Promise<StoredDocument[]>;
  /** Re-indexes now; AdminError `busy` when one is already running (a second one would redo the same work). */
  reindex(onProgress?: OnProgress): Promise<BuildSummary>;
  /** Checks, stores and indexes an upload; a refused file writes nothing. Waits for a running re-index. */
  upload(fileName: string, bytes: Uint8Array, onProgress?: OnProgress): Promise<UploadResult>;
  /** Removes a document and re-indexes. Waits for a running re-index. */
  remove(name: string, onProgress?: OnProgress): Promise<BuildSummary>;
  /** Re-indexes when the folder changed since the last build (watch mode); undefined when nothing changed. */
  reindexIfChanged(): Promise<BuildSummary | undefined>;
}

interface KnowledgeAdminOptions {
  library: DocumentLibrary;
  rebuild: RebuildIndex;
  maxUploadBytes: number;
  logger: Logger;
  /** Reads an uploaded scan by OCR before it is stored (throws when no text is found); false for a file that is no scan. */
  readScan?: ((name: string, bytes: Uint8Array, onProgress?: OnProgress) => Promise<boolean>) | undefined;
}

/** Serialises every change to DOCS_DIR and the index behind one queue. */
export function createKnowledgeAdmin(options: KnowledgeAdminOptions): KnowledgeAdmin {
  const { library, logger } = options;
  let queue: Promise<unknown> = Promise.resolve();
  let running: ReindexProgress | undefined;
  let pending = 0;
  let builtSignature: string | undefined;

  /** Runs `work` after everything queued before it; a failure does not stop the queue. */
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    pending += 1;
    const result = queue.then(work).finally(() => {
      pending -= 1;
    });
    queue = result.catch(() => undefined);
    return result;
  };

  const rebuild = async (reason: string, onProgress?: OnProgress): Promise<BuildSummary> => {
    const signature = await library.signature();
    running = { stage: 'reading', done: 0, total: 0 };
    logger.info('admin.reindex_started', { reason });
    try {
      const summary = await options.rebuild((progress) => {
        running = progress;
        onProgress?.(progress);
      });
      builtSignature = signature;
      logger.info('admin.reindex_finished', {
        reason,
        documents: summary.documents,
        chunks: summary.chunks,
        embedded: summary.embedded,
        added: summary.added.length,
        changed: summary.changed.length,
        removed: summary.removed.length,
        skipped: summary.skipped.length,
        seconds: Math.round(summary.seconds * 10) / 10,
      });
      return summary;
    } catch (error) {
      logger.error('admin.reindex_failed', { reason, error });
      throw error;
    } finally {
      running = undefined;
    }
  };

  return {
    get running() {
      return running;
    },
    get busy() {
      return running !== undefined || pending > 0;
    },
    documents: () => library.list(),
    reindex(onProgress) {
      if (running || pending > 0) return Promise.reject(new AdminError('busy', 'a re-index is already running'));
      return enqueue(() => rebuild('reindex', onProgress));
    },
    async upload(fileName, bytes, onProgress) {
      const name = checkFileName(fileName);
      checkFileContent(name, bytes, options.maxUploadBytes);
      // parsed (or OCR'd) before it is stored: a file without readable text is refused, not left in the folder
      const scanned = (await options.readScan?.(name, bytes, onProgress)) ?? false;
      if (!scanned) await loadDocument(name, Buffer.from(bytes));
      return enqueue(async () => {
        const stored = await library.store(name, bytes);
        logger.info('admin.document_stored', { name, bytes: bytes.byteLength, replaced: stored.replaced });
        return { ...stored, summary: await rebuild('upload', onProgress) };
      });
    },
    remove(name, onProgress) {
      return enqueue(async () => {
        await library.remove(name);
        logger.info('admin.document_removed', { name });
        return rebuild('remove', onProgress);
      });
    },
    reindexIfChanged() {
      return enqueue(async () => ((await library.signature()) === builtSignature ? undefined : rebuild('watch')));
    },
  };
}
