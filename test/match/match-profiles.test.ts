import { describe, expect, it } from 'vitest';
import { matchMeasures, readProfile } from '../../src/match/index.js';
import { seedDocuments, seedPlaces } from '../support/seed-measures.js';
import { SEED } from '../support/seeds.js';

const documents = seedDocuments();
const places = seedPlaces(documents);
const today = new Date('2026-12-02T12:00:00+08:00');
const m = (source: string, ...numbers: number[]) => numbers.map((number) => `${source}#${number}`);

/**
 * Five entrepreneurs and the measures a careful reader of the seeds would list for each, chosen by
 * reading the items (docs/measures.md says why each is in or out), not by running the matcher.
 */
const PROFILES = [
  {
    sentence: '我是刚毕业的大学生，想在南浔开一家文创工作室',
    profile: { place: '南浔', who: ['大学生'], industry: ['文创'], stage: '筹备' },
    // 000 （三）文创空间 （四）文化创意业态 （八）招引创业大学生、文创人才 （九）青创项目资金支持; 附件3 文化产业招商对接会, 大学生创新创意创业大赛
    expected: [...m(SEED.nanxun, 1, 2, 6, 7, 17, 19)],
  },
  {
    sentence: '我在鹿城区运营一家孵化器，想了解对孵化载体的支持',
    profile: { place: '鹿城区', who: ['孵化器/众创空间运营机构'], industry: [] },
    // 002: every item that addresses incubators or 孵化载体 themselves, not 链主企业 (二)2 nor 在孵企业' loans (六)2
    expected: [...m(SEED.lucheng, 1, 2, 3, 4, 9, 11, 12, 13, 14, 15, 17, 19, 20, 23)],
  },
  {
    sentence: '我是海归博士，想在湖州创办一家科技型企业',
    profile: { place: '湖州', who: ['海外留学人员', '高层次人才', '科技型企业'], industry: ['科创'] },
    // 001 三: 招商引进, 创新孵化, 集聚发展, 优选培育(高层次人才大赛), 专业化园区, 中试平台, 创业启动资金, 耐心资本
    expected: [...m(SEED.bozhong, 1, 2, 3, 4, 5, 6, 7, 9)],
  },
  {
    sentence: '我是返乡青年，想回南浔的村里做乡村旅游民宿',
    profile: { place: '南浔', who: ['青年人才', '乡村创客'], industry: ['文旅'] },
    // 000 （三）乡创空间与乡村旅游集聚区 （四）休闲旅游业态 （七）乡创社区经济 （八）入乡青创人才、乡村文旅; 附件3 乡村文旅创客大赛, 村咖大会
    expected: [...m(SEED.nanxun, 1, 2, 5, 6, 18, 19)],
  },
  {
    sentence: '我在南通海门做生物医药研发的小公司',
    profile: { place: '海门', who: ['小微企业'], industry: ['生物医药', '科创'] },
    // 004 四 海门市: 生物医药产业众创社区 (the plan expired in 2020: listed and flagged)
    expected: [...m(SEED.nantong, 9)],
  },
];

function precisionRecall(actual: string[], expected: string[]): { precision: number; recall: number } {
  const hits = actual.filter((id) => expected.includes(id)).length;
  return { precision: actual.length === 0 ? 0 : hits / actual.length, recall: hits / expected.length };
}

describe('matching five profiles against the seeds', () => {
  for (const { sentence, profile, expected } of PROFILES) {
    it(`${sentence}: precision and recall ≥ 0.8`, () => {
      const result = matchMeasures(readProfile(sentence, places), documents, today);
      expect(result.profile).toMatchObject(profile);
      const scores = precisionRecall(result.measures.map((measure) => measure.id), expected);
      expect(scores.precision, JSON.stringify(result.measures.map((measure) => measure.id))).toBeGreaterThanOrEqual(0.8);
      expect(scores.recall, JSON.stringify(result.measures.map((measure) => measure.id))).toBeGreaterThanOrEqual(0.8);
      for (const measure of result.measures) expect(measure.text).toContain(measure.quote);
    });
  }

  it('ranks the items that name both who and field first, with lead, period, status and a verbatim quote', () => {
    const result = matchMeasures(readProfile(PROFILES[0]!.sentence, places), documents, today);
    expect(result.measures[0]).toMatchObject({ source: SEED.nanxun, section: expect.stringContaining('（三）全面优化青创空间布局'), status: '征求意见稿', period: '' });
    expect(result.measures[0]?.lead).toContain('区委宣传部');
    expect(result.measures[0]?.quote).toContain('文创');
    expect(result.notes).toContain('注意：《南浔区全面建设“水晶晶青创新城”提升年行动计划》是征求意见稿，内容可能调整，请以正式印发文件为准。');
    expect(result.notes).toContain('「（八）拓宽青创主体集聚载体」：文件未写明申请条件和补贴标准，可咨询区人力社保局、区农业农村局、区文广旅体局。');
  });

  it('keeps an expired plan in the list and says it has expired', () => {
    const result = matchMeasures(readProfile(PROFILES[4]!.sentence, places), documents, today);
    expect(result.measures.map((measure) => measure.status)).toEqual(['已到期']);
    expect(result.measures[0]).toMatchObject({ period: '2017—2020年', lead: [] });
    expect(result.notes[0]).toBe('注意：《南通市推进众创社区建设行动方案》执行期为2017—2020年，已到期。');
    expect(result.notes).toContain('「海门市」：文件未写明申请条件和补贴标准，文件也未写明牵头部门。');
  });

  it('answers a place the documents do not cover with no policy and what is covered', () => {
    const result = matchMeasures(readProfile('我想在杭州西湖区开一家奶茶店', places), documents, today);
    expect(result.profile).toMatchObject({ place: '杭州西湖区', stage: '筹备' });
    expect(result.measures).toEqual([]);
    expect(result.notes).toEqual(['现有文件没有覆盖杭州西湖区的政策，暂无可匹配的措施。已收录的地区：南浔区、湖州市、温州市鹿城区、南通市。']);
  });
});

describe('a profile that says too little', () => {
  it('asks for who and field when the sentence names only a place', () => {
    const result = matchMeasures(readProfile('我在南浔', places), documents, today);
    expect(result).toEqual({ profile: { place: '南浔', who: [], industry: [] }, measures: [], notes: ['请说明您的身份（如大学生、返乡青年、孵化器运营方）和行业（如文创、电商、生物医药），以便匹配措施。'] });
  });

  it('matches across all documents when no place is given, and says so', () => {
    const result = matchMeasures(readProfile('我是做生物医药的'), documents, today);
    expect(result.measures.map((measure) => measure.id)).toEqual([`${SEED.nantong}#9`]);
    expect(result.notes[0]).toBe('您没有说明所在地，以下按全部文件匹配，请留意各文件适用的地区。');
  });
});

describe('reading a profile from one sentence', () => {
  it('reads place, who, industry and stage, leaving out what the sentence does not say', () => {
    expect(readProfile('我是刚毕业的大学生，想在南浔开一家文创工作室')).toEqual({ place: '南浔', who: ['大学生'], industry: ['文创'], stage: '筹备' });
    expect(readProfile('做直播带货的')).toEqual({ who: [], industry: ['电商'] });
    expect(readProfile('我在南通海门做研发', ['南通市', '海门市'])).toMatchObject({ place: '海门' });
  });
});
