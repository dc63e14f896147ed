import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layout, loadIndex } from '../../src/index/index.js';
import { runCli, spawnCli } from '../support/cli.js';
import { SEEDS_DIR } from '../support/seeds.js';

function waitForEmbeddingProgress(child: ReturnType<typeof spawnCli>): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (data: Buffer) => {
      seen += data.toString();
      // A partial embedding line (done < total) means the build is midway.
      const match = /embedding\s+\[[#.]+\] (\d+)\/(\d+)/.exec(seen);
      if (match && Number(match[1]) < Number(match[2])) resolve();
    });
    child.on('exit', () => reject(new Error(`build ended before it could be interrupted:\n${seen}`)));
  });
}

describe('a build killed midway', () => {
  it('leaves the previous index serving, and the next build reuses what was embedded', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-kill-'));
    const env = { DOCS_DIR: join(root, 'docs'), INDEX_DIR: join(root, 'index') };
    cpSync(SEEDS_DIR, env.DOCS_DIR, { recursive: true });
    expect((await runCli(['index'], env)).code).toBe(0);
    const before = loadIndex(env.INDEX_DIR).manifest;

    const records = Array.from({ length: 700 }, (_, index) =>
      JSON.stringify({ id: `note-${index}`, text: `第${index}号通知：青创空间第${index}期路演活动安排在本周${index % 7}举行。` }),
    );
    writeFileSync(join(env.DOCS_DIR, 'notes.jsonl'), records.join('\n'));
    const child = spawnCli(['index'], env);
    await waitForEmbeddingProgress(child);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const serving = loadIndex(env.INDEX_DIR);
    expect(serving.manifest.buildId).toBe(before.buildId);
    expect(serving.manifest.documents['note-1']).toBeUndefined();
    expect(serving.chunks.length).toBe(before.counts.chunks);

    const rebuilt = await runCli(['index', '--json'], env);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const summary = JSON.parse(rebuilt.stdout) as { reused: number; embedded: number; chunks: number };
    expect(summary.reused).toBeGreaterThan(before.counts.chunks);
    expect(loadIndex(env.INDEX_DIR).manifest.documents['note-1']).toBeDefined();
    expect(readdirSync(layout.builds(env.INDEX_DIR)).length).toBeLessThanOrEqual(2);
  });
});
