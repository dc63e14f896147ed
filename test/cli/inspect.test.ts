import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectReport } from '../../src/cli/inspect-report.js';
import { runCli } from '../support/cli.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { makeDocx } from '../ingest/loaders/fixtures.js';

// What the parser must find in each seed: title, 文号 (or none), a heading, and a table record where there are tables.
const EXPECTED = [
  {
    file: SEED.nanxun,
    title: '南浔区全面建设“水晶晶青创新城”提升年行动计划',
    docNumber: undefined,
    heading: '  一、总体要求和主要目标',
    record: '空间名称=頔塘青创社区，运营主体=南浔区人才产业集团',
  },
  {
    file: SEED.bozhong,
    title: '湖州市创新型小微企业"播种计划"行动方案(2025—2027年)',
    docNumber: '湖政办发〔2025〕9号',
    heading: '      1. 招商引进一批（1 段）',
  },
  {
    file: SEED.lucheng,
    title: '温州市鹿城区大孵化器集群建设“百千万”新三年行动计划(2025-2027年)',
    docNumber: '温鹿政办〔2025〕21号',
    heading: '    (一)拓展孵化新空间',
  },
  { file: SEED.shangyu, title: '上虞：“三支队伍”齐发力“青春之城”创未来', docNumber: undefined },
  { file: SEED.nantong, title: '南通市推进众创社区建设行动方案', docNumber: '通政办发〔2017〕93号', heading: '  三、创建要求' },
];

describe('cli inspect', () => {
  it('prints title, 文号, period, status, the section tree and table records of each seed', async () => {
    const run = await runCli(['inspect', ...EXPECTED.map((expected) => join(SEEDS_DIR, expected.file))], {});
    expect(run.code, run.stderr).toBe(0);
    const reports = run.stdout.split(/\n(?=文件：)/);
    expect(reports).toHaveLength(EXPECTED.length);
    EXPECTED.forEach((expected, position) => {
      const text = reports[position] ?? '';
      expect(text).toContain(`文件：${expected.file}\n标题：${expected.title}\n`);
      expect(text).toContain(`文号：${expected.docNumber ?? '（未识别）'}\n`);
      expect(text).toMatch(/\n有效期：.+\n状态：.+\n/);
      expect(text).toMatch(/\n章节（\d+）：\n/);
      expect(text).toMatch(/\n表格记录（\d+）：\n/);
      if (expected.heading) expect(text).toContain(`\n${expected.heading}`);
      if (expected.record) expect(text).toContain(expected.record);
    });
    const [nanxun, bozhong, , , nantong] = reports;
    expect(nanxun).toContain('\n状态：征求意见稿\n');
    expect(nantong).toContain('\n有效期：2017—2020年\n状态：已到期\n');
    expect(bozhong).toContain('各区县"播种计划"主要任务分解表：30 行，已还原合并单元格，2 行未能对齐');
  });

  it('reads a DOCX before it is put in DOCS_DIR, and --json gives the whole report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-inspect-')), '西湖区创业担保贷款实施细则.docx');
    writeFileSync(
      file,
      makeDocx([
        { paragraph: '西湖区创业担保贷款实施细则', style: 'Title' },
        { paragraph: '西政办发〔2026〕5号' },
        { paragraph: '一、贷款额度', style: 'Heading1' },
        { paragraph: '个人创业担保贷款最高额度为50万元。' },
        { paragraph: '二、经办银行', style: 'Heading1' },
        {
          table: [
            ['银行', '地址'],
            ['西湖农商行', '文三路1号'],
            ['杭州银行西湖支行', '天目山路2号'],
          ],
        },
      ]),
    );
    const run = await runCli(['inspect', '--json', file], {});
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as InspectReport;
    expect(report).toMatchObject({
      source: '西湖区创业担保贷款实施细则.docx',
      title: '西湖区创业担保贷款实施细则',
      docNumber: '西政办发〔2026〕5号',
    });
    expect(report.sections.map((section) => section.path.join(' › '))).toEqual(expect.arrayContaining(['一、贷款额度', '二、经办银行']));
    expect(report.records.map((record) => record.fields)).toContainEqual([
      ['银行', '西湖农商行'],
      ['地址', '文三路1号'],
    ]);
  });

  it('names the file it cannot read', async () => {
    const run = await runCli(['inspect', join(tmpdir(), 'no-such-file.docx')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such-file.docx');
  });
});
