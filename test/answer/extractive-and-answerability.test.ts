import { describe, expect, it } from 'vitest';
import { extractiveAnswer, judgeAnswerability, MAX_ANSWER_CHARS, termCoverage } from '../../src/answer/index.js';
import type { Chunk } from '../../src/ingest/index.js';
import { keyTerms, type RetrievedPassage } from '../../src/retrieve/index.js';
import { questionAnchors } from '../../src/text/index.js';

function passage(text: string, options: Partial<Chunk> & { dense?: number } = {}): RetrievedPassage {
  const { dense = 0.6, ...chunk } = options;
  return {
    chunk: {
      id: 'a#0',
      source: 'a.txt',
      title: '示例行动方案',
      sectionPath: ['二、总体目标'],
      kind: 'paragraph',
      text,
      start: 0,
      end: text.length,
      ...chunk,
    },
    score: 1,
    dense,
    lexical: 1,
  };
}

describe('judgeAnswerability', () => {
  const nantong = passage('到2020年底，在全市重点培育和打造10个左右众创社区，实现各县（市）区全覆盖。', {
    title: '南通市推进众创社区建设行动方案',
  });

  it('answers when the key terms are covered', () => {
    const question = '南通计划到2020年底打造多少个众创社区？';
    expect(judgeAnswerability(keyTerms(question), ['南通'], [nantong]).answerable).toBe(true);
  });

  it('refuses a place the passages never mention, and names it', () => {
    const verdict = judgeAnswerability(keyTerms('深圳南山区有什么人才政策？'), ['深圳', '南山区'], [nantong]);
    expect(verdict).toMatchObject({ answerable: false, reason: 'unknown-place', missingPlaces: ['深圳', '南山区'] });
  });

  it('accepts a place given with or without its administrative suffix', () => {
    const verdict = judgeAnswerability(keyTerms('南通市有多少个众创社区？'), ['南通市'], [nantong]);
    expect(verdict.missingPlaces).toEqual([]);
  });

  it('refuses an off-topic question whose terms nothing covers', () => {
    const verdict = judgeAnswerability(keyTerms('帮我写一首关于春天的诗'), [], [passage('众创社区建设', { dense: 0.42 })]);
    expect(verdict).toMatchObject({ answerable: false, reason: 'off-topic' });
  });

  it('refuses when nothing was retrieved', () => {
    expect(judgeAnswerability(['南通'], [], []).reason).toBe('no-passages');
  });

  it('weighs long specific terms more than short ones', () => {
    expect(termCoverage(['众创社区', '叫'], '众创社区')).toBeCloseTo(0.8);
  });
});

describe('extractiveAnswer', () => {
  it('states the sentence with the fact and quotes it verbatim', () => {
    const question = '南通计划到2020年底打造多少个众创社区？';
    const text = '为贯彻落实上级精神，制定本方案。\n到2020年底，在全市重点培育和打造10个左右众创社区。各地要加强组织领导。';
    const result = extractiveAnswer(question, keyTerms(question), [passage(text)]);
    expect(result.answer).toContain('10个左右');
    expect(result.citations[0]).toEqual({
      source: 'a.txt',
      title: '示例行动方案',
      section: '二、总体目标',
      quote: '到2020年底，在全市重点培育和打造10个左右众创社区。',
    });
    expect(text).toContain(result.citations[0]?.quote);
  });

  it('puts the asked column of a table row first', () => {
    const question = '頔塘青创社区的运营主体是谁？';
    const row = passage('序号=1，空间名称=頔塘青创社区，运营主体=南浔区人才产业集团，总面积（平方米）=15000', {
      kind: 'table-row',
      sectionPath: ['附件1', '全区建设培育青创空间汇总表（6个）'],
    });
    const result = extractiveAnswer(question, keyTerms(question), [row]);
    // Said as a sentence in the document's words: the record's name, then the asked field.
    expect(result.answer.startsWith('頔塘青创社区：运营主体为南浔区人才产业集团，总面积15000平方米')).toBe(true);
    expect(result.answer).not.toContain('=');
    expect(result.citations[0]?.quote).toBe(row.chunk.text);
  });

  it('gives a bare fragment the heading it belongs to', () => {
    const question = '金牌创业导师队伍建设的责任单位是哪个？';
    const fragment = passage('开展创业导师招募工作。(责任单位:区人力社保局)', {
      sectionPath: ['三、重点工作', '3.加强金牌创业导师队伍建设'],
    });
    const result = extractiveAnswer(question, keyTerms(question), [fragment]);
    // said plainly (a sole 责任单位 leads), quoted as written
    expect(result.answer).toContain('3.加强金牌创业导师队伍建设：由区人力社保局牵头。');
    expect(result.citations[0]?.quote).toBe('(责任单位:区人力社保局)');
  });

  it('says who leads and who takes part when a 责任单位 list marks its lead', () => {
    const question = '优化全域规划布局由哪个部门牵头？';
    const mark = passage('(责任单位:*区科技局、鹿城经开区管委会、各街镇,标*的为牵头单位,下同)', {
      sectionPath: ['三、重点工作', '1.优化全域规划布局'],
    });
    expect(extractiveAnswer(question, keyTerms(question), [mark]).answer).toContain(
      '1.优化全域规划布局：由区科技局牵头，鹿城经开区管委会、各街镇参与。',
    );
  });

  it('never exceeds the answer length limit', () => {
    const long = `到2020年底，${'众创社区建设'.repeat(120)}。`;
    const result = extractiveAnswer('众创社区建设目标？', ['众创', '社区'], [passage(long), passage(long)]);
    expect(result.answer.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
  });
});

describe('list questions', () => {
  it('enumerates the name column of the table the best rows come from, in table order, citing each row', () => {
    const row = (name: string, start: number) =>
      passage(`序号=${start}，空间名称=${name}，运营主体=某集团`, { kind: 'table-row', sectionPath: ['附件1', '青创空间汇总表'], start });
    const question = '南浔区有哪些青创空间？';
    const result = extractiveAnswer(question, keyTerms(question), [row('乙空间', 2), row('甲空间', 1), passage('无关段落。')]);
    expect(result.answer).toBe('青创空间汇总表中列有：甲空间、乙空间。');
    expect(result.citations.map((citation) => citation.quote)).toEqual([
      '序号=1，空间名称=甲空间，运营主体=某集团',
      '序号=2，空间名称=乙空间，运营主体=某集团',
    ]);
  });
});

describe('list questions: which table', () => {
  it('lists the table whose caption and columns hold the question words, not the first table found', () => {
    const project = (name: string, start: number) =>
      passage(`区县=南浔区，项目（企业）名称=${name}，主理人=某人`, {
        kind: 'table-row',
        sectionPath: ['附件2', '全区引育标志性青创项目汇总表（100个）'],
        start,
      });
    const activity = (name: string, start: number) =>
      passage(`序号=${start}，活动名称=${name}，牵头部门=区人力社保局`, {
        kind: 'table-row',
        sectionPath: ['附件3', '全面建设“青创新城”提升年主要活动安排'],
        start: 1000 + start,
      });
    const question = '南浔今年有哪些青创赛事和活动？';
    const result = extractiveAnswer(question, keyTerms(question), [
      project('甲公司', 1),
      activity('青创大赛', 1),
      project('乙公司', 2),
      activity('创客中国湖州赛区比赛', 2),
    ]);
    expect(result.answer).toBe('全面建设“青创新城”提升年主要活动安排中列有：青创大赛、创客中国湖州赛区比赛。');
  });
});

describe('one column across rows', () => {
  it('says the asked column of every row by its name when the question asks them all (都/各/分别)', () => {
    const row = (name: string, operator: string, start: number) =>
      passage(`序号=${start}，空间名称=${name}，运营主体=${operator}，总面积（平方米）=${start}000`, {
        kind: 'table-row',
        sectionPath: ['附件1', '青创空间汇总表（2个）'],
        start,
      });
    const rows = [row('乙空间', '乙公司', 2), row('甲空间', '甲集团', 1)];
    const operators = '南浔的青创空间都由谁来运营？';
    expect(extractiveAnswer(operators, keyTerms(operators), rows).answer).toBe(
      '青创空间汇总表（2个）中：甲空间：运营主体为甲集团；乙空间：运营主体为乙公司。',
    );
    const areas = '各青创空间的面积分别是多少？';
    expect(extractiveAnswer(areas, keyTerms(areas), rows).answer).toBe(
      '青创空间汇总表（2个）中：甲空间：总面积1000平方米；乙空间：总面积2000平方米。',
    );
    // one space asked: its own row, not the column
    const one = '甲空间的运营主体是谁？';
    expect(extractiveAnswer(one, keyTerms(one), rows).answer).toMatch(/^甲空间：运营主体为甲集团/);
  });

  it('answers 「…的X有哪些」 with column X of every row, and a plain 「有哪些」 with the names', () => {
    const park = (name: string, industry: string, start: number) =>
      passage(`序号=${start}，园区名称=${name}，主导产业=${industry}，运营机构=${name}公司`, {
        kind: 'table-row',
        sectionPath: ['附件1', '标志性科技型产业园培育清单'],
        start,
      });
    const rows = [park('甲园', '智能制造', 1), park('乙园', '生物医药', 2)];
    const industries = '这些园区的主导产业有哪些？';
    expect(extractiveAnswer(industries, keyTerms(industries), rows).answer).toBe(
      '标志性科技型产业园培育清单中：甲园：主导产业为智能制造；乙园：主导产业为生物医药。',
    );
    // 产业 in 「科技型产业园」 names the rows, not the 主导产业 column
    const parks = '湖州有哪些标志性科技型产业园？';
    expect(extractiveAnswer(parks, keyTerms(parks), rows).answer).toBe('标志性科技型产业园培育清单中列有：甲园、乙园。');
  });
});

describe('list questions: the count', () => {
  it("is the caption's count, and a note under the table is no item", () => {
    const row = (text: string, start: number) =>
      passage(text, { kind: 'table-row', sectionPath: ['附件1', '全区青创空间汇总表（3个）'], start });
    const question = '南浔有哪些青创空间？';
    const result = extractiveAnswer(question, keyTerms(question), [
      row('序号=1，空间名称=甲空间，运营主体=某集团', 1),
      row('序号=2，空间名称=乙空间，运营主体=某集团', 2),
      row('序号=3，空间名称=丙空间，运营主体=某集团', 3),
      passage('✮为2025年拟打造标志性青创空间', { sectionPath: ['附件1', '全区青创空间汇总表（3个）'], start: 4 }),
    ]);
    expect(result.answer).toBe('全区青创空间汇总表（3个）中列有：甲空间、乙空间、丙空间。');
  });
});

describe('anchors', () => {
  it('a place written as a chain (深圳南山区) is the innermost one: a 深圳 story elsewhere does not answer', () => {
    const question = '深圳南山区有什么人才政策？';
    expect(questionAnchors(question)).toEqual(['南山区']);
    expect(questionAnchors('南浔和鹿城对孵化载体分别有什么支持？')).toEqual(['南浔', '鹿城']);
    const baoan = passage('宝安区落实好碳达峰碳中和“1+N”政策体系。', { title: '深圳新闻网：宝安举办生态文明培训', dense: 0.57 });
    const nanshan = passage('深圳市南山区卫生健康局发布情况通报。', { title: '深圳一医生被实名举报', dense: 0.3 });
    expect(judgeAnswerability(keyTerms(question), questionAnchors(question), [baoan, nanshan]).answerable).toBe(false);
  });

  it('a close passage about another place or year does not answer', () => {
    const nantong = passage('到2020年底，在全市重点培育和打造10个左右众创社区。', { title: '南通市推进众创社区建设行动方案', dense: 0.8 });
    const nanxun = passage('2025年，新建市级青创空间2家。', { title: '南浔区行动计划', dense: 0.5 });
    const question = '南浔计划到2020年底打造多少个众创社区？';
    const verdict = judgeAnswerability(keyTerms(question), questionAnchors(question), [nantong, nanxun]);
    expect(questionAnchors(question)).toEqual(['南浔', '2020']);
    expect(verdict.answerable).toBe(false);
  });

  it('quotes the passage about the place asked, not a better-worded one about another place', () => {
    const question = '鹿城区计划新增多少家孵化器？';
    const other = passage('南浔区计划新增孵化器3家。', { title: '南浔区行动计划' });
    const right = passage('到2027年，新增省级及以上孵化器6家。', { title: '温州市鹿城区大孵化器集群建设行动计划' });
    const result = extractiveAnswer(question, keyTerms(question), [other, right]);
    expect(result.answer).toContain('6家');
  });
});
