import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runStart } from '../support/start.js';

const ALPHA = '甲区青创补贴办法\n一、补贴标准\n入驻甲区青创空间的初创企业，每年可获得房租补贴3万元。\n';
const CALENDAR = [
  'version: 1',
  'defaults: { remind: [0d], at: "09:00", chats: [subscribers] }',
  'entries:',
  '  - { id: far, title: 青创路演日, kind: custom, when: "2099-05-01" }',
].join('\n');

describe('the console chat, driven through stdin', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-console-'));
  const env = {
    DOCS_DIR: join(root, 'docs'),
    INDEX_DIR: join(root, 'index'),
    DATA_DIR: join(root, 'data'),
    CALENDAR_FILE: join(root, 'calendar.yaml'),
  };

  beforeAll(async () => {
    mkdirSync(env.DOCS_DIR);
    writeFileSync(join(env.DOCS_DIR, 'alpha.txt'), ALPHA);
    writeFileSync(env.CALENDAR_FILE, CALENDAR);
    expect((await runStart(env)).code).toBe(0);
  });

  it('answers /help, 帮助 and 你好 with the command list; lists sources, files and the calendar; unknown commands get the list', async () => {
    const run = await runStart(env, '/help\n帮助\n你好\n/sources\n/docs\n/calendar\n/frobnicate\n/quit\n');
    expect(run.code, run.stderr).toBe(0);
    // /help, 帮助, 你好 and the unknown command each print the list
    expect(run.stdout.match(/\/reindex/g)).toHaveLength(4);
    expect(run.stdout).toContain('你好！我是政策通');
    expect(run.stdout).not.toContain('来源：');
    expect(run.stdout).not.toContain('没有找到');
    expect(run.stdout).toContain('共 1 份文档：\n1. 《甲区青创补贴办法》');
    expect(run.stdout).toMatch(/\n {3}状态未注明 · \d+ 段 · alpha\.txt/);
    expect(run.stdout).toMatch(/- alpha\.txt（1 KB）已索引/);
    expect(run.stdout).toContain('2099-05-01 提醒 青创路演日');
    expect(run.stdout).toContain('没有「/frobnicate」这个命令。');
  });

  it('a file added before a start is indexed; /reindex rebuilds and answers go on; nothing after /quit runs', async () => {
    writeFileSync(
      join(env.DOCS_DIR, 'beta.txt'),
      '乙区人才公寓管理办法\n一、申请条件\n在乙区工作满一年的大学毕业生可以申请乙区人才公寓。\n',
    );
    const run = await runStart(env, '/reindex\n/docs\n乙区人才公寓的申请条件是什么？\n/quit\n/sources\n');
    expect(run.stdout).toMatch(/索引已更新：2 个文档/);
    expect(run.stdout).toMatch(/- beta\.txt（1 KB）已索引/);
    expect(run.stdout).toContain('工作满一年');
    expect(run.stdout).not.toContain('共 2 份文档');
  });
});
