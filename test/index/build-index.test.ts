import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, IndexError, IndexNotFoundError, loadIndex, type BuildOptions } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';
import { FakeEmbedder } from '../support/fake-embedder.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';

function workspace(): { docsDir: string; indexDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-index-'));
  const docsDir = join(root, 'docs');
  cpSync(SEEDS_DIR, docsDir, { recursive: true });
  return { docsDir, indexDir: join(root, 'index') };
}

function options(paths: { docsDir: string; indexDir: string }, embedder: FakeEmbedder): BuildOptions {
  return { ...paths, chunkSize: 360, tokenizer: 'both', embedder, logger: silentLogger };
}

describe('buildIndex', () => {
  it('writes a loadable index with a manifest describing every document', async () => {
    const paths = workspace();
    const summary = await buildIndex(options(paths, new FakeEmbedder()));
    const index = loadIndex(paths.indexDir);
    expect(summary.documents).toBe(5);
    expect(index.chunks).toHaveLength(summary.chunks);
    expect(index.vectors.size).toBe(summary.chunks);
    expect(index.manifest.documents[SEED.lucheng]).toMatchObject({ docNumber: '温鹿政办〔2025〕21号' });
    expect(index.manifest.modelId).toBe('fake/bigram-hash');
    expect(index.manifest.documents[SEED.lucheng]?.measures?.measures).toHaveLength(24);
  });

  it('re-embeds only the chunks of a changed document', async () => {
    const paths = workspace();
    const first = new FakeEmbedder();
    const initial = await buildIndex(options(paths, first));
    expect(initial.embedded).toBe(initial.chunks);

    const unchanged = new FakeEmbedder();
    const again = await buildIndex(options(paths, unchanged));
    expect(again.embedded).toBe(0);
    expect(unchanged.embeddedTexts()).toEqual([]);

    const file = join(paths.docsDir, SEED.nantong);
    writeFileSync(file, readFileSync(file, 'utf8').replace('到2020年底', '到2021年底'));
    const changed = new FakeEmbedder();
    const summary = await buildIndex(options(paths, changed));
    expect(summary.changed).toEqual([SEED.nantong]);
    expect(summary.embedded).toBeGreaterThan(0);
    expect(summary.embedded).toBeLessThan(5);
    expect(changed.embeddedTexts().every((text) => text.startsWith('南通市推进众创社区建设行动方案'))).toBe(true);
  });

  it('keeps serving the previous index when a build fails before the swap', async () => {
    const paths = workspace();
    await buildIndex(options(paths, new FakeEmbedder()));
    const before = loadIndex(paths.indexDir).manifest.buildId;
    writeFileSync(join(paths.docsDir, 'new.txt'), '新增文件。');
    await expect(
      buildIndex({
        ...options(paths, new FakeEmbedder()),
        beforeSwitch: () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toBeInstanceOf(IndexError);
    const after = loadIndex(paths.indexDir);
    expect(after.manifest.buildId).toBe(before);
    expect(after.manifest.documents['new.txt']).toBeUndefined();
  });

  it('says how to build when there is no index yet', () => {
    expect(() => loadIndex(join(tmpdir(), 'policy-bot-missing-index'))).toThrow(IndexNotFoundError);
    expect(() => loadIndex(join(tmpdir(), 'policy-bot-missing-index'))).toThrow(/npm run -s cli -- index/);
  });
});
