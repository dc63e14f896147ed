import { describe, expect, it } from 'vitest';
import { chunkDocument, formatSection } from '../../src/ingest/index.js';
import { compactForm } from '../../src/text/index.js';
import { SEED, parseSeed } from '../support/seeds.js';

const textOf = (file: string) => parseSeed(file).blocks.map((block) => block.spans.map((span) => span.text).join(''));

describe('document metadata', () => {
  it('takes the issued plan as title, not the notice or the file name, and reads 文号', () => {
    const bozhong = parseSeed(SEED.bozhong).meta;
    expect(bozhong.title).toBe('湖州市创新型小微企业"播种计划"行动方案(2025—2027年)');
    // the 文号 in its official form (六角括号); the source line keeps its own brackets for citations
    expect(bozhong.docNumber).toBe('湖政办发〔2025〕9号');
    expect(bozhong.issuer).toBe('湖州市人民政府办公室');
    const lucheng = parseSeed(SEED.lucheng).meta;
    expect(lucheng.title).toBe('温州市鹿城区大孵化器集群建设“百千万”新三年行动计划(2025-2027年)');
    expect(lucheng.docNumber).toBe('温鹿政办〔2025〕21号');
    expect(lucheng.date).toBe('2025-06-19');
    const nantong = parseSeed(SEED.nantong).meta;
    expect(nantong).toMatchObject({ title: '南通市推进众创社区建设行动方案', docNumber: '通政办发〔2017〕93号', date: '2017年6月26日' });
    expect(parseSeed(SEED.nanxun).meta.title).toBe('南浔区全面建设“水晶晶青创新城”提升年行动计划');
  });
});

describe('heading hierarchy', () => {
  it('gives each block its section path down to numbered items', () => {
    const paths = parseSeed(SEED.bozhong).blocks.map((block) => formatSection(block.sectionPath));
    expect(paths).toContain('三、重点任务 › (一)强化引育创新群体力度,强力催动创新型小微企业"生得出" › 1. 招商引进一批');
  });

  it('recovers inline headings from the one giant line of 002', () => {
    const document = parseSeed(SEED.lucheng);
    const paths = document.blocks.map((block) => formatSection(block.sectionPath));
    expect(paths).toContain('一、总体要求');
    expect(paths).toContain('三、重点工作 › (四)壮大人才新队伍 › 3.加强金牌创业导师队伍建设');
    const mentor = document.blocks.find((block) => block.sectionPath.at(-1) === '3.加强金牌创业导师队伍建设');
    expect(mentor?.spans.map((span) => span.text).join('')).toContain('(责任单位:区人力社保局)');
  });
});

describe('PDF extraction quirks', () => {
  it('drops page footers such as "— 3 **—**" and joins the sentence they interrupted', () => {
    const texts = textOf(SEED.bozhong);
    expect(texts.some((text) => /—\s*\d+\s*\**—/.test(text))).toBe(false);
    expect(texts.some((text) => text.includes('"精准选种、精心育苗、精细培优、精品呈现"'))).toBe(true);
  });

  it('removes spaces PDF extraction put inside words', () => {
    const row = parseSeed(SEED.bozhong).blocks.find((block) => block.fields?.some(([, value]) => value === '万马智能制造产业园'));
    expect(row?.fields).toContainEqual(['运营机构', '浙江万马海振光电科技有限公司']);
    expect(row?.fields).toContainEqual(['所属区县', '吴兴区']);
  });

  it('matches full- and half-width punctuation and variant characters alike', () => {
    expect(compactForm('（一）搭建，平台')).toBe(compactForm('(一)搭建,平台'));
    const rows = parseSeed(SEED.bozhong).blocks.filter((block) => block.kind === 'table-row');
    const deqing = rows.find((block) => block.fields?.some(([, value]) => value.startsWith('徳清县')));
    expect(deqing).toBeDefined();
    expect(compactForm(deqing?.spans[0]?.text ?? '')).toContain('德清县');
  });
});

describe('tables and people', () => {
  it('reads cell-per-line tables as header=value rows', () => {
    const rows = parseSeed(SEED.nanxun).blocks.filter((block) => block.kind === 'table-row');
    const ditang = rows.find((block) => block.fields?.some(([, value]) => value === '頔塘青创社区'));
    expect(ditang?.sectionPath).toEqual(['附件1', '全区建设培育青创空间汇总表（6个）']);
    expect(ditang?.fields).toContainEqual(['运营主体', '南浔区人才产业集团']);
    expect(ditang?.fields).toContainEqual(['总面积（平方米）', '15000']);
    expect(ditang?.spans[0]?.text).toContain('空间名称=頔塘青创社区，运营主体=南浔区人才产业集团');
    // the totals row (总面积 / 202969) belongs to the 总面积 column, not to 序号 and 空间名称
    const total = rows.find((block) => block.fields?.some(([, value]) => value === '202969'));
    expect(total?.fields).toEqual([['总面积（平方米）（合计）', '202969']]);
  });

  it('carries merged cells down and rejoins rows split by blank lines', () => {
    const rows = parseSeed(SEED.nanxun).blocks.filter((block) => block.kind === 'table-row' && block.sectionPath[0] === '附件2');
    expect(rows).toHaveLength(15);
    const hongfei = rows.find((block) => block.fields?.some(([, value]) => value === '湖州虹绯文化传媒有限公司'));
    expect(hongfei?.fields).toContainEqual(['主理人', '张凌宇']);
    expect(hongfei?.fields).toContainEqual(['区县', '南浔区（15）']);
  });

  it('reads the activity schedule with its 拟举办时间', () => {
    const rows = parseSeed(SEED.nanxun).blocks.filter((block) => block.sectionPath[0] === '附件3');
    expect(rows).toHaveLength(10);
    expect(rows[4]?.fields).toContainEqual(['拟举办时间', '7月-8月']);
  });

  it('reads row-per-line tables with repeated page headers', () => {
    const rows = parseSeed(SEED.bozhong).blocks.filter((block) => block.sectionPath.at(-1)?.startsWith('首批标志性'));
    const qixing = rows.find((block) => block.fields?.some(([, value]) => value === '湖州七幸科技产业园'));
    expect(qixing?.fields).toContainEqual(['现有企业数(家)', '122']);
    expect(rows.some((block) => block.fields?.[0]?.[1] === '序号')).toBe(false);
  });

  it('turns the leadership list into one record per person', () => {
    const people = parseSeed(SEED.nanxun).blocks.filter((block) => block.kind === 'person');
    expect(people).toHaveLength(31);
    const yuli = people.find((block) => block.fields?.[0]?.[1] === '於丽');
    expect(yuli?.fields).toEqual([
      ['姓名', '於丽'],
      ['职务', '区人力社保局局长'],
      ['分工', '成员'],
    ]);
    const xu = people.find((block) => block.fields?.[0]?.[1] === '徐铁成');
    expect(xu?.fields?.[1]?.[1]).toBe('区文广旅体局党组副书记、副局长，和孚镇党委委员、副书记（挂职）');
  });
});

describe('chunking', () => {
  it('keeps records whole, never crosses sections and stays near the size limit', () => {
    const document = parseSeed(SEED.nanxun);
    const chunks = chunkDocument(document, 360);
    expect(chunks.every((chunk) => chunk.kind !== 'paragraph' || chunk.text.length <= 600)).toBe(true);
    expect(chunks.filter((chunk) => chunk.kind === 'person')).toHaveLength(31);
    for (const chunk of chunks) {
      expect(chunk.end).toBeGreaterThanOrEqual(chunk.start);
      expect(chunk.title).toBe(document.meta.title);
    }
  });

  it('records offsets that point at the source text', () => {
    const document = parseSeed(SEED.nantong);
    const chunk = chunkDocument(document, 360).find((item) => item.text.includes('10个左右'));
    expect(chunk?.sectionPath).toEqual(['二、总体目标']);
    expect(chunk?.start).toBeGreaterThan(0);
  });
});
