import { describe, expect, it } from 'vitest';
import { matchMeasures, readProfile } from '../../src/match/index.js';
import { PROFILES, precisionRecall } from '../support/match-profiles.js';
import { seedDocuments, seedPlaces } from '../support/seed-measures.js';
import { SEED } from '../support/seeds.js';

const documents = seedDocuments();
const places = seedPlaces(documents);
const today = new Date('2026-12-02T12:00:00+08:00');
describe('matching five profiles against the seeds', () => {
  for (const { sentence, profile, expected } of PROFILES) {
    it(`${sentence}: precision and recall ≥ 0.8`, () => {
      const result = matchMeasures(readProfile(sentence, places), documents, today);
      expect(result.profile).toMatchObject(profile);
      const scores = precisionRecall(
        result.measures.map((measure) => measure.id),
        expected,
      );
      expect(scores.precision, JSON.stringify(result.measures.map((measure) => measure.id))).toBeGreaterThanOrEqual(0.8);
      expect(scores.recall, JSON.stringify(result.measures.map((measure) => measure.id))).toBeGreaterThanOrEqual(0.8);
      for (const measure of result.measures) expect(measure.text).toContain(measure.quote);
    });
  }

  it('ranks the items that name both who and field first, with lead, period, status and a verbatim quote', () => {
    const result = matchMeasures(readProfile(PROFILES[0]!.sentence, places), documents, today);
    expect(result.measures[0]).toMatchObject({
      source: SEED.nanxun,
      section: expect.stringContaining('（三）全面优化青创空间布局'),
      status: '征求意见稿',
      period: '',
    });
    expect(result.measures[0]?.lead).toContain('区委宣传部');
    expect(result.measures[0]?.quote).toContain('文创');
    expect(result.notes).toContain(
      '注意：《南浔区全面建设“水晶晶青创新城”提升年行动计划》是征求意见稿，内容可能调整，请以正式印发文件为准。',
    );
    expect(result.notes).toContain(
      '「（八）拓宽青创主体集聚载体」：文件未写明申请条件和补贴标准，可咨询区人力社保局、区农业农村局、区文广旅体局。',
    );
  });

  it('gives every young founder the items for all youth (青创 finance, services), but not youth items of another field', () => {
    const ids = (sentence: string) => matchMeasures(readProfile(sentence, places), documents, today).measures.map((measure) => measure.id);
    const returnee = ids(PROFILES[3]!.sentence);
    expect(returnee).toEqual(expect.arrayContaining([`${SEED.nanxun}#7`, `${SEED.nanxun}#8`]));
    // 附件3 row 7 (国际青年文化交流会、文化产业招商对接会) is for youth in culture, not in rural tourism
    expect(returnee).not.toContain(`${SEED.nanxun}#17`);
    expect(ids('我在南浔做跨境电商，想找一个孵化器入驻')).not.toContain(`${SEED.nanxun}#7`);
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
    expect(result.notes).toEqual([
      '现有文件没有覆盖杭州西湖区的政策，暂无可匹配的措施。已收录的地区：南浔区、湖州市、温州市鹿城区、南通市。',
    ]);
  });
});

describe('a profile that says too little', () => {
  it('asks for who and field when the sentence names only a place', () => {
    const result = matchMeasures(readProfile('我在南浔', places), documents, today);
    expect(result).toEqual({
      profile: { place: '南浔', who: [], industry: [] },
      measures: [],
      notes: ['请说明您的身份（如大学生、返乡青年、孵化器运营方）和行业（如文创、电商、生物医药），以便匹配措施。'],
    });
  });

  it('matches across all documents when no place is given, and says so', () => {
    const result = matchMeasures(readProfile('我是做生物医药的'), documents, today);
    expect(result.measures.map((measure) => measure.id)).toEqual([`${SEED.nantong}#9`]);
    expect(result.notes[0]).toBe('您没有说明所在地，以下按全部文件匹配，请留意各文件适用的地区。');
  });
});

describe('reading a profile from one sentence', () => {
  it('reads place, who, industry and stage, leaving out what the sentence does not say', () => {
    expect(readProfile('我是刚毕业的大学生，想在南浔开一家文创工作室')).toEqual({
      place: '南浔',
      who: ['大学生'],
      industry: ['文创'],
      stage: '筹备',
    });
    expect(readProfile('做直播带货的')).toEqual({ who: [], industry: ['电商'] });
    expect(readProfile('我在南通海门做研发', ['南通市', '海门市'])).toMatchObject({ place: '海门' });
  });
});
