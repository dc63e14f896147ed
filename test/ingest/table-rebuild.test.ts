import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/index.js';
import { rebuildTable } from '../../src/ingest/table-rebuild.js';
import { parseSeed, SEED } from '../support/seeds.js';

const records = (source = SEED.bozhong) =>
  parseSeed(source).blocks.filter((block) => block.kind === 'table-row' && block.sectionPath.at(-1)?.includes('分解表'));

describe("001's 附件1 分解表: multi-line header and row-spanning districts", () => {
  it('carries 德清县 to each of its year rows and keeps its 小计, cell by cell', () => {
    const deqing = records().filter((block) => block.fields?.[0]?.[1] === '徳清县');
    expect(deqing.map((block) => block.fields?.map(([, value]) => value))).toEqual([
      ['徳清县', '2025 年', '8', '2', '200', '70', '220'],
      ['徳清县', '2026 年', '8', '3', '200', '70', '260'],
      ['徳清县', '2027 年', '6', '4', '200', '70', '280'],
      ['徳清县', '小计', '22', '-', '600', '210', '-'],
    ]);
  });

  it('merges the header per column and drops debris such as 「附行区」 and a stray 「1」', () => {
    const [first] = records();
    expect(first?.fields?.map(([key]) => key).slice(0, 4)).toEqual([
      '所属区县',
      '年份',
      '科技型产业园(专业园)(个)',
      '省级专精特新园区(含高星级小微企业园) (个)',
    ]);
    const districts = new Set(records().map((block) => block.fields?.[0]?.[1]));
    expect(districts.has('附行区')).toBe(false);
    expect(districts.has('1')).toBe(false);
    expect([...districts].slice(0, 5)).toEqual(['吴兴区', '南浔区', '徳清县', '长兴县', '安吉县']);
  });

  it('keeps rows that do not line up as searchable text only, and reports the table', () => {
    const parsed = parseSeed(SEED.bozhong);
    const text = parsed.blocks.filter((block) => block.kind === 'table-text');
    expect(text.map((block) => block.spans[0]?.text)).toContain('2027年 3 2 2 小计 9 - 6 2025年 1 0 5 50 20 70');
    expect(parsed.tables[0]).toMatchObject({ caption: '各区县"播种计划"主要任务分解表', rebuilt: true, broken: 2 });
  });

  it('leaves a table without totals to the ordinary reading', () => {
    const rows = [
      { cells: ['名称', '面积'], start: 0, end: 1 },
      { cells: ['甲', '10'], start: 2, end: 3 },
    ];
    expect(rebuildTable(rows)).toBeUndefined();
    const parsed = parseDocument({ source: 'x.txt', text: '附件1\n\n名称\t面积\t备注\n甲空间\t100\t无\n乙空间\t200\t无\n' });
    expect(parsed.tables[0]).toMatchObject({ rebuilt: false, broken: 0 });
  });
});
