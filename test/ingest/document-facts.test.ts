import { describe, expect, it } from 'vitest';
import { documentStatus, extractDocumentFacts, parseDocument, statusNotice } from '../../src/ingest/index.js';
import { parseSeed, SEED } from '../support/seeds.js';

const day = (iso: string) => new Date(`${iso}T12:00:00+08:00`);

describe('document facts from the seeds', () => {
  it("reads 002's own date from the signature, apart from the portal's 生成日期", () => {
    const { facts } = parseSeed(SEED.lucheng);
    expect(facts).toMatchObject({
      docNumber: '温鹿政办〔2025〕21号',
      issuer: '温州市鹿城区人民政府办公室',
      issuedOn: '2025年6月12日',
      publishedOn: '2025-06-19',
      kind: 'official',
    });
    expect(facts.period).toMatchObject({ text: '2025—2027年', from: '2025-01-01', to: '2027-12-31' });
    expect(facts.lines.issuedOn).toContain('2025年6月12日');
  });

  it("reads 004's 〔2017〕93号 and its 2017~2020 period", () => {
    const { facts } = parseSeed(SEED.nantong);
    expect(facts).toMatchObject({ docNumber: '通政办发〔2017〕93号', issuer: '南通市人民政府办公室', issuedOn: '2017年6月26日' });
    expect(facts.period).toMatchObject({ text: '2017—2020年', to: '2020-12-31' });
    expect(facts.lines.period).toContain('2017~2020');
  });

  it("writes 001's 文号 in its official form and marks 000 as a 征求意见稿", () => {
    expect(parseSeed(SEED.bozhong).facts.docNumber).toBe('湖政办发〔2025〕9号');
    expect(parseSeed(SEED.bozhong).facts.lines.docNumber).toBe('湖政办发[2025]9号');
    const nanxun = parseSeed(SEED.nanxun).facts;
    expect(nanxun.draft).toBe('征求意见稿');
    expect(documentStatus(nanxun, day('2026-12-02'))).toBe('draft');
    expect(parseSeed(SEED.shangyu).facts.kind).toBe('article');
  });

  it('reads 自…起施行 and 有效期 from a fixture', () => {
    const text = ['某市促进创业带动就业若干措施（试行）', '一、……', '本措施自2024年3月1日起施行，有效期3年。'].join('\n');
    const facts = extractDocumentFacts(text, '某市促进创业带动就业若干措施（试行）', new Map(), false);
    expect(facts.period).toMatchObject({ from: '2024-03-01', to: '2027-02-28' });
    expect(facts.trial).toBe(true);
    expect(facts.lines.period).toContain('自2024年3月1日起施行');
  });
});

describe('status against an injected day', () => {
  const { facts } = parseDocument({ source: 'x.txt', text: '某区人才新政行动方案(2023—2025年)\n一、总体要求\n……' });

  it('is in force on the last day of the period and expired the day after', () => {
    expect(documentStatus(facts, day('2025-12-31'))).toBe('in-force');
    expect(documentStatus(facts, day('2026-01-01'))).toBe('expired');
    expect(statusNotice(facts, day('2025-12-31'))).toBeUndefined();
    expect(statusNotice(facts, day('2026-01-01'))).toBe('注意：《某区人才新政行动方案(2023—2025年)》执行期为2023—2025年，已到期。');
  });
});
