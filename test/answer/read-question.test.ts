import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../src/answer/read-question.js';

// Generic phrasings written for this test, one or more per kind, not eval questions.
const CASES: Array<[string, string[]]> = [
  ['这个实施意见的文号是多少？', ['doc-number']],
  ['这份通知是哪个部门印发的？', ['issuer']],
  ['这个办法是什么时候印发的？', ['issued-date']],
  ['这项政策现在还有效吗？', ['validity']],
  ['该方案执行期是哪几年？', ['period']],
  ['孵化器补贴每年多少万元？', ['money']],
  ['入驻企业的租金减免多少？', ['money']],
  ['园区的咨询电话是多少？', ['phone']],
  ['入驻企业能免几年租金？', ['duration']],
  ['领导小组副组长是谁？', ['person']],
  ['这个比赛几月举办？谁牵头？', ['time', 'department']],
  ['全区有哪些众创空间？', ['list']],
  ['人才公寓的面积有多大？', ['count']],
  ['研发投入占比要求是多少？', ['ratio']],
  ['三服务是指什么？', ['definition']],
  ['怎么申请创业担保贷款？', ['procedure']],
  ['我是退役军人，在这里创业能享受什么政策？', ['eligibility']],
];

describe('asksWhatApplies', () => {
  // Generic self-descriptions written for this test: who the asker is, then what applies to them.
  it.each([
    '我是退伍军人，打算回老家开个农家乐，能享受哪些扶持？',
    '我们是一家做跨境电商的小公司，有什么补贴？',
    '作为海归，想在本地创办科技企业，有哪些政策适合我？',
  ])('reads %s as a request to match a profile', (question) => {
    expect(readQuestion(question).whatApplies).toBe(true);
  });

  it.each(['人才公寓有什么优惠？', '孵化器有哪些支持政策？', '我想知道这个方案的文号是什么？'])(
    'does not read %s as one (no self-description, or not asking what applies)',
    (question) => {
      expect(readQuestion(question).whatApplies).toBeUndefined();
    },
  );
});

describe('readQuestion', () => {
  it.each(CASES)('reads %s', (question, asks) => {
    expect(readQuestion(question).asks).toEqual(asks);
  });

  it('tells the asked role apart: 副组长 is not 组长', () => {
    expect(readQuestion('工作专班的副组长是谁？').role).toBe('副组长');
    expect(readQuestion('工作专班的组长是谁？').role).toBe('组长');
    expect(readQuestion('办公室主任是谁？').role).toBe('办公室主任');
  });

  it('reads places and years, and two places asked together as a comparison', () => {
    const reading = readQuestion('苏州和杭州对孵化器分别有什么支持？');
    expect(reading.places).toEqual(['苏州', '杭州']);
    expect(reading.asks[0]).toBe('comparison');
    expect(readQuestion('到2026年要建成多少个园区？').years).toEqual(['2026']);
  });

  it('keeps the subject words and the attribute asked for', () => {
    const reading = readQuestion('训练营的主题是什么？');
    expect(reading.subject).toEqual(expect.arrayContaining(['训练营', '主题']));
    expect(reading.focus).toBe('主题');
    expect(readQuestion('你好').asks).toEqual(['general']);
  });

  it('does not anchor a question to the country: a national story says 我国 or names no place', () => {
    expect(readQuestion('中国计划到哪一年全面形成智能网联汽车标准体系？').places).toEqual([]);
    expect(readQuestion('中国公安部宣布的户籍制度改革新措施包括哪些？').places).not.toContain('中国');
    expect(readQuestion('南浔区有哪些青创空间？').places).toEqual(['南浔区']);
  });

  it('leaves the asked category out of the subject: 「哪个机构」 asks for a name, not for the word 机构', () => {
    const reading = readQuestion('哪个机构扩大了国产小客车注册登记生产企业预查验试点？');
    expect(reading.asks).toEqual(['department']);
    expect(reading.subject).not.toContain('机构');
    expect(reading.subject).toEqual(expect.arrayContaining(['小客车', '试点']));
  });

  it('reads what is asked after 有什么 as the focus, and 「多少补助」 as money', () => {
    expect(readQuestion('湖州的小微企业园有什么奖励？').focus).toBe('奖励');
    expect(readQuestion('训练营的主题是什么？').focus).toBe('主题');
    expect(readQuestion('温州鹿城的孵化器能拿到多少补助？').asks).toEqual(['money']);
  });
});
