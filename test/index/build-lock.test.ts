import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock, buildIndex, IndexError } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';
import { runCli, spawnCli } from '../support/cli.js';
import { FakeEmbedder } from '../support/fake-embedder.js';
import { SEEDS_DIR } from '../support/seeds.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;
}

describe('the build lock on INDEX_DIR', () => {
  it('refuses a second holder at once, naming the first, and is free again after release', () => {
    const indexDir = mkdtempSync(join(tmpdir(), 'policy-bot-lock-'));
    const lock = acquireBuildLock(indexDir);
    expect(() => acquireBuildLock(indexDir)).toThrow(/另一个索引任务正在进行（pid \d+，开始于 \d{4}-/);
    lock.release();
    acquireBuildLock(indexDir).release();
    expect(existsSync(join(indexDir, 'build.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that died', () => {
    const indexDir = mkdtempSync(join(tmpdir(), 'policy-bot-lock-'));
    writeFileSync(
      join(indexDir, 'build.lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const lock = acquireBuildLock(indexDir);
    lock.release();
  });

  it('two concurrent `cli index` runs: the second is refused at once and the first finishes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-lock-cli-'));
    const env = { DOCS_DIR: join(root, 'docs'), INDEX_DIR: join(root, 'index') };
    cpSync(SEEDS_DIR, env.DOCS_DIR, { recursive: true });
    const first = spawnCli(['index'], env);
    let firstErr = '';
    await new Promise<void>((resolve, reject) => {
      first.stderr?.on('data', (data: Buffer) => {
        firstErr += data.toString();
        if (/embedding\s+\[/.test(firstErr)) resolve();
      });
      first.on('exit', () => reject(new Error(`the first build ended before the second started:\n${firstErr}`)));
    });
    // paused mid-build, so the second run meets it however slow the machine is
    first.kill('SIGSTOP');
    try {
      const started = Date.now();
      const second = await runCli(['index'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`另一个索引任务正在进行（pid ${first.pid}，开始于 `));
      // refused before the model loads or anything is embedded
      expect(second.stderr).not.toContain('embedding');
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      first.kill('SIGCONT');
    }
    const code = await new Promise<number | null>((resolve) => first.on('exit', resolve));
    expect(code, firstErr).toBe(0);
    expect(existsSync(join(env.INDEX_DIR, 'build.lock'))).toBe(false);
  });

  it('`cli index` takes over the lock of a killed run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-lock-cli-'));
    const env = { DOCS_DIR: join(root, 'docs'), INDEX_DIR: join(root, 'index') };
    mkdirSync(env.DOCS_DIR);
    writeFileSync(join(env.DOCS_DIR, 'a.txt'), '甲区青创补贴办法\n入驻企业每年可获得房租补贴3万元。\n');
    mkdirSync(env.INDEX_DIR);
    writeFileSync(
      join(env.INDEX_DIR, 'build.lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const run = await runCli(['index'], env);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('identical chunk text', () => {
  it('is embedded once per build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-dedup-'));
    const docsDir = join(root, 'docs');
    mkdirSync(docsDir);
    const text =
      '甲区青创补贴办法\n一、补贴标准\n入驻甲区青创空间的初创企业，每年可获得房租补贴3万元。\n二、申请材料\n营业执照、租赁合同。\n';
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(docsDir, name), text);
    const embedder = new FakeEmbedder();
    const summary = await buildIndex({
      docsDir,
      indexDir: join(root, 'index'),
      chunkSize: 600,
      tokenizer: 'both',
      embedder,
      logger: silentLogger,
    });
    const texts = embedder.embeddedTexts();
    expect(new Set(texts).size).toBe(texts.length);
    expect(summary.chunks).toBe(3 * summary.embedded);
    expect(summary.embedded).toBe(texts.length);
    expect(summary.reused).toBe(summary.chunks - texts.length);
  });

  it('a failed build still releases the lock', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-dedup-'));
    const options = {
      docsDir: join(root, 'missing'),
      indexDir: join(root, 'index'),
      chunkSize: 600,
      tokenizer: 'both' as const,
      embedder: new FakeEmbedder(),
      logger: silentLogger,
    };
    await expect(buildIndex(options)).rejects.toThrow();
    expect(() => acquireBuildLock(options.indexDir).release()).not.toThrow(IndexError);
  });
});
