import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/index/index.js';
import { runStart } from '../support/start.js';

const ALPHA = '甲区青创补贴办法\n一、补贴标准\n入驻甲区青创空间的初创企业，每年可获得房租补贴3万元。\n';
const BETA = '乙区人才公寓管理办法\n一、申请条件\n在乙区工作满一年的大学毕业生可以申请人才公寓。\n';
const GAMMA = '西湖区创业担保贷款实施细则\n一、贷款额度\n西湖区个人创业担保贷款最高额度为50万元，期限不超过3年。\n';

describe('npm start follows DOCS_DIR', () => {
  it('re-indexes documents added, changed and removed between two starts, says so, and answers from them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-start-'));
    const env = { DOCS_DIR: join(root, 'docs'), INDEX_DIR: join(root, 'index'), DATA_DIR: join(root, 'data') };
    mkdirSync(env.DOCS_DIR);
    writeFileSync(join(env.DOCS_DIR, 'alpha.txt'), ALPHA);
    writeFileSync(join(env.DOCS_DIR, 'beta.txt'), BETA);
    const first = await runStart(env);
    expect(first.code, first.stderr).toBe(0);
    expect(Object.keys(loadIndex(env.INDEX_DIR).manifest.documents).sort()).toEqual(['alpha.txt', 'beta.txt']);

    writeFileSync(join(env.DOCS_DIR, 'gamma.txt'), GAMMA);
    writeFileSync(join(env.DOCS_DIR, 'alpha.txt'), ALPHA.replace('3万元', '5万元'));
    rmSync(join(env.DOCS_DIR, 'beta.txt'));
    const second = await runStart(env, '西湖区创业担保贷款最高多少？\n/quit\n');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('新增 gamma.txt；修改 alpha.txt；删除 beta.txt');
    expect(second.stderr).toMatch(/索引已更新：2 个文档/);
    expect(second.stdout).toContain('50万元');
    expect(Object.keys(loadIndex(env.INDEX_DIR).manifest.documents).sort()).toEqual(['alpha.txt', 'gamma.txt']);

    const third = await runStart(env);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).not.toContain('有变化');
    expect(third.stderr).not.toContain('索引已更新');
  });
});
