import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDocumentLibrary,
  createKnowledgeAdmin,
  watchDocs,
  type KnowledgeAdmin,
  type ReindexProgress,
} from '../../src/admin/index.js';
import { buildIndex, loadIndex } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';
import { FakeEmbedder } from '../support/fake-embedder.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { makePdf } from '../ingest/loaders/fixtures.js';

function setup(options: { gate?: Promise<void> } = {}): { admin: KnowledgeAdmin; docsDir: string; indexDir: string; builds: number[] } {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-admin-'));
  const docsDir = join(root, 'docs');
  const indexDir = join(root, 'index');
  cpSync(SEEDS_DIR, docsDir, { recursive: true });
  const builds: number[] = [];
  const admin = createKnowledgeAdmin({
    library: createDocumentLibrary(docsDir),
    rebuild: async (onProgress) => {
      builds.push(builds.length + 1);
      await options.gate;
      return buildIndex({
        docsDir,
        indexDir,
        chunkSize: 600,
        tokenizer: 'both',
        embedder: new FakeEmbedder(),
        logger: silentLogger,
        onProgress: (stage, done, total) => onProgress({ stage, done, total }),
      });
    },
    maxUploadBytes: 100_000,
    logger: silentLogger,
  });
  return { admin, docsDir, indexDir, builds };
}

const POLICY = '测试区人才公寓管理办法\n一、申请条件\n在测试区工作的青年人才可申请人才公寓，租金减免百分之五十。\n';

describe('knowledge admin', () => {
  it('re-indexes with progress through every stage and a summary of what changed', async () => {
    const { admin, indexDir } = setup();
    const stages: ReindexProgress[] = [];
    const summary = await admin.reindex((progress) => stages.push(progress));
    expect(summary).toMatchObject({ documents: 5, added: Object.values(SEED).sort(), removed: [] });
    expect(new Set(stages.map((progress) => progress.stage))).toEqual(new Set(['reading', 'parsing', 'embedding', 'indexing']));
    expect(stages.find((progress) => progress.stage === 'reading' && progress.done === 5)).toMatchObject({ total: 5 });
    expect(loadIndex(indexDir).manifest.counts.documents).toBe(5);
    expect(admin.busy).toBe(false);
  });

  it('runs one re-index at a time: a second /reindex is refused, uploads wait their turn', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { admin, builds, indexDir } = setup({ gate });
    const first = admin.reindex();
    expect(admin.busy).toBe(true);
    await expect(admin.reindex()).rejects.toMatchObject({ code: 'busy' });
    const upload = admin.upload('人才公寓.txt', Buffer.from(POLICY));
    open();
    await first;
    const uploaded = await upload;
    expect(builds).toEqual([1, 2]);
    expect(uploaded).toMatchObject({ name: '人才公寓.txt', replaced: false, summary: { added: ['人才公寓.txt'] } });
    expect(loadIndex(indexDir).manifest.documents['人才公寓.txt']?.title).toBe('测试区人才公寓管理办法');
  });

  it('refuses a bad upload before writing anything, and keeps working afterwards', async () => {
    const { admin, docsDir, builds } = setup();
    const before = readdirSync(docsDir).sort();
    await expect(admin.upload('../escape.txt', Buffer.from(POLICY))).rejects.toMatchObject({ code: 'unsafe-name' });
    await expect(admin.upload('big.txt', Buffer.alloc(100_001, 0x41))).rejects.toMatchObject({ code: 'too-large' });
    await expect(admin.upload('report.txt', makePdf([['正文']]))).rejects.toMatchObject({ code: 'type-mismatch' });
    await expect(admin.upload('empty.pdf', makePdf([['']]))).rejects.toMatchObject({ name: 'IngestError', code: 'unreadable' });
    expect(readdirSync(docsDir).sort()).toEqual(before);
    expect(existsSync(join(docsDir, '..', 'escape.txt'))).toBe(false);
    expect(builds).toEqual([]);
    await expect(admin.upload('ok.txt', Buffer.from(POLICY))).resolves.toMatchObject({ name: 'ok.txt' });
  });

  it('removes a document and re-indexes; an unknown name changes nothing', async () => {
    const { admin, indexDir, builds } = setup();
    await admin.reindex();
    const summary = await admin.remove(SEED.nantong);
    expect(summary.removed).toEqual([SEED.nantong]);
    expect(loadIndex(indexDir).manifest.documents[SEED.nantong]).toBeUndefined();
    await expect(admin.remove('nope.txt')).rejects.toMatchObject({ code: 'not-found' });
    expect(builds).toEqual([1, 2]);
  });

  it('re-indexes on a watched change only when the folder really changed', async () => {
    const { admin, builds } = setup();
    expect(await admin.reindexIfChanged()).toBeDefined();
    expect(await admin.reindexIfChanged()).toBeUndefined();
    await admin.upload('new.md', Buffer.from(`# ${POLICY}`));
    expect(await admin.reindexIfChanged()).toBeUndefined();
    expect(builds).toEqual([1, 2]);
  });

  it('watch mode: a burst of changes to DOCS_DIR becomes one re-index after the folder is quiet', async () => {
    const { admin, docsDir, indexDir, builds } = setup();
    await admin.reindex();
    const finished: number[] = [];
    const watcher = watchDocs({
      directory: docsDir,
      debounceMs: 300,
      onChange: async () => finished.push((await admin.reindexIfChanged())?.documents ?? -1),
      logger: silentLogger,
    });
    try {
      writeFileSync(join(docsDir, 'a.txt'), POLICY);
      writeFileSync(join(docsDir, 'b.txt'), POLICY.replace('人才公寓', '创业园'));
      rmSync(join(docsDir, SEED.nantong));
      writeFileSync(join(docsDir, '.swap'), 'editor noise');
      const deadline = Date.now() + 20_000;
      while (finished.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 600));
    } finally {
      watcher.close();
    }
    expect(finished).toEqual([6]);
    expect(builds).toEqual([1, 2]);
    expect(Object.keys(loadIndex(indexDir).manifest.documents)).toEqual(expect.arrayContaining(['a.txt', 'b.txt']));
    expect(loadIndex(indexDir).manifest.documents[SEED.nantong]).toBeUndefined();
  });
});
