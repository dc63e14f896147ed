import { describe, expect, it } from 'vitest';
import {
  departmentsOf,
  extractMeasures,
  parseDocument,
  placesOf,
  splitDepartments,
  wordsIn,
  AUDIENCE_WORDS,
} from '../../src/ingest/index.js';
import { parseSeed, SEED } from '../support/seeds.js';

const measuresOf = (seed: string) => extractMeasures(parseSeed(seed));
const bySection = (seed: string, label: string) => measuresOf(seed).measures.find((measure) => measure.section.at(-1)?.startsWith(label));

describe('measures of the seeds', () => {
  // Counted by hand in ../shared/seeds: see docs/measures.md.
  it('finds every numbered item of the action chapters and every row of a list with a 牵头部门 column', () => {
    const counts = Object.fromEntries(Object.values(SEED).map((seed) => [seed, measuresOf(seed).measures.length]));
    expect(counts).toEqual({ [SEED.nanxun]: 20, [SEED.bozhong]: 13, [SEED.lucheng]: 24, [SEED.shangyu]: 0, [SEED.nantong]: 14 });
    const chapters = (seed: string) =>
      measuresOf(seed).measures.reduce<Record<string, number>>((tally, measure) => {
        const chapter = measure.section[0] ?? '';
        tally[chapter] = (tally[chapter] ?? 0) + 1;
        return tally;
      }, {});
    expect(chapters(SEED.nanxun)).toEqual({
      '二、锚定主攻方向，迭代升级青创空间': 3,
      '三、创新引育模式，招大育强青创项目': 3,
      '四、加强组织保障，赋能提级青创环境': 4,
      附件3: 10,
    });
    expect(chapters(SEED.bozhong)).toEqual({ '三、重点任务': 10, '四、保障措施': 3 });
    expect(chapters(SEED.lucheng)).toEqual({ '三、重点工作': 21, '四、工作保障': 3 });
    expect(chapters(SEED.nantong)).toEqual({ '四、创建重点': 11, '五、保障措施': 3 });
  });

  it("reads 000's （X牵头） marks, each clause's department in order", () => {
    expect(bySection(SEED.nanxun, '（三）')?.lead).toEqual([
      '区科技局',
      '区经信局',
      '区委宣传部',
      '区农业农村局',
      '区文广旅体局',
      '区商务局',
    ]);
    expect(bySection(SEED.nanxun, '（十）')?.lead).toEqual(['区人力社保局', '区交通局', '区司法局', '区委人才办']);
    expect(bySection(SEED.nanxun, '（四）')?.lead).toEqual([]);
    expect(bySection(SEED.nanxun, '（八）')?.who).toEqual(expect.arrayContaining(['大学生', '乡村创客', '留学回国人员']));
  });

  it("takes 001's first 责任单位 as lead (列第一的为牵头单位) and joins a list broken across a page", () => {
    expect(bySection(SEED.bozhong, '1. 招商引进一批')).toMatchObject({ lead: ['市商务局'] });
    const fourth = bySection(SEED.bozhong, '4. 优选培育一批');
    expect(fourth?.lead).toEqual(['市委组织部〈市委人才办〉']);
    expect(fourth?.responsible).toEqual(['市委组织部〈市委人才办〉', '市经信局', '市科技局', '市人力社保局']);
    expect(bySection(SEED.bozhong, '(一)强化组织领导')?.lead).toEqual([]);
  });

  it("takes 002's starred 责任单位 as lead and leaves an unstarred list without one", () => {
    expect(bySection(SEED.lucheng, '3.提升传统产业孵化集群')?.lead).toEqual(['区经信局', '区科技局']);
    expect(bySection(SEED.lucheng, '1.升级孵化运营管理体系')?.lead).toEqual(['区科技局']);
    expect(bySection(SEED.lucheng, '1.加强本土人才培育')?.lead).toEqual([]);
    expect(measuresOf(SEED.lucheng).place).toEqual(['温州市', '鹿城区']);
  });

  it("gives 004's district paragraphs their own place and no invented lead", () => {
    const haimen = bySection(SEED.nantong, '海门市');
    expect(haimen).toMatchObject({ place: ['南通市', '海门市'], lead: [], responsible: [] });
    expect(haimen?.industry).toContain('生物医药');
    expect(
      measuresOf(SEED.nanxun)
        .measures.filter((measure) => measure.kind === 'table-row')
        .map((row) => row.lead[0]),
    ).toContain('区文广旅体局');
  });

  it('reads 001 as a 湖州市 plan whose lists name 南浔区', () => {
    const bozhong = measuresOf(SEED.bozhong);
    expect(bozhong.place).toEqual(['湖州市']);
    expect(bozhong.areas).toContain('南浔区');
  });
});

describe('measure fields from fixtures', () => {
  it('splits departments only at top-level separators', () => {
    expect(splitDepartments('市商务局、市政府办公室〈金融口〉、各区县政府〈含南太湖新区、长合区管委会〉')).toEqual([
      '市商务局',
      '市政府办公室〈金融口〉',
      '各区县政府〈含南太湖新区、长合区管委会〉',
    ]);
  });

  it('reads a starred lead whatever the convention, and nobody where nobody is named', () => {
    expect(departmentsOf('建设孵化器。(责任单位:区经信局、*区科技局)', 'none')).toEqual({
      lead: ['区科技局'],
      responsible: ['区经信局', '区科技局'],
    });
    expect(departmentsOf('建设孵化器。(责任单位:区经信局、区科技局)', 'none')).toEqual({ lead: [], responsible: ['区经信局', '区科技局'] });
    expect(departmentsOf('建设孵化器。', 'first')).toEqual({ lead: [], responsible: [] });
    // a remark written into the list is nobody
    expect(departmentsOf('(责任单位:*区科技局、鹿城经开区管委会、各街镇,标*的为牵头单位,下同)', 'star')).toEqual({
      lead: ['区科技局'],
      responsible: ['区科技局', '鹿城经开区管委会', '各街镇'],
    });
  });

  it('keeps 青年 apart from 青年人才 only where it stands alone', () => {
    expect(wordsIn('吸引青年人才来浔', AUDIENCE_WORDS)).toEqual(['青年人才']);
    expect(wordsIn('吸引青年人才，服务青年创业', AUDIENCE_WORDS)).toEqual(['青年人才', '青年']);
  });

  it('reads places from titles, not 社区 or 园区', () => {
    expect(placesOf('温州市鹿城区大孵化器集群建设')).toEqual(['温州市', '鹿城区']);
    expect(placesOf('南通市推进众创社区建设行动方案')).toEqual(['南通市']);
    expect(placesOf('关于促进创业的若干措施')).toEqual([]);
  });

  it('reads numbered 主要措施 and leaves unstated fields empty', () => {
    const text = [
      '关于创业扶持的若干措施（2025—2027年）',
      '一、总体要求',
      '总的要求。',
      '二、主要措施',
      '（一）房租补贴。对大学生创办的小微企业给予房租补贴（区人力社保局牵头）。',
      '（二）贷款贴息。对入驻众创空间的初创企业给予贴息。',
    ].join('\n');
    const measures = extractMeasures(parseDocument({ source: 'x.txt', text })).measures;
    expect(measures.map((measure) => [measure.section.at(-1), measure.lead])).toEqual([
      ['（一）房租补贴', ['区人力社保局']],
      ['（二）贷款贴息', []],
    ]);
    expect(measures[0]?.who).toEqual(['大学生', '小微企业']);
    expect(measures[0]?.place).toEqual([]);
  });
});
