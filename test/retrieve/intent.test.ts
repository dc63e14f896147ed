import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/ingest/index.js';
import { asksAboutDocument, intentBonus, keyTerms } from '../../src/retrieve/index.js';

const chunk = (text: string, kind: Chunk['kind'] = 'paragraph'): Chunk => ({
  id: 'doc#0',
  source: 'doc.txt',
  title: '标题',
  sectionPath: [],
  kind,
  text,
  start: 0,
  end: text.length,
});

describe('intentBonus', () => {
  it('favours the passage that introduces an abbreviation for a definition question', () => {
    const question = '六创具体是指哪六类？';
    const defining = chunk('壮大“科创”“数创”“商创”“文创”“乡创”“云创”（以下简称“六创”）等六支青创队伍');
    const using = chunk('加大“六创”赛道中新业态新模式的创业引导');
    expect(intentBonus(question, keyTerms(question), defining)).toBe(1);
    expect(intentBonus(question, keyTerms(question), using)).toBe(0);
  });

  it('recognises a term defined by the enumeration before it', () => {
    const question = '两池是指什么？';
    expect(intentBonus(question, keyTerms(question), chunk('以创新要素供给池、配套基金池“两池”孕土壤、优生态'))).toBe(0.6);
  });

  it('demotes the document-info record unless the question is about the document itself', () => {
    const info = chunk('《某行动计划》，文号：温鹿政办〔2025〕21号', 'document-info');
    expect(intentBonus('鹿城区要新增多少家孵化器？', ['鹿城区'], info)).toBe(-1);
    expect(asksAboutDocument('温鹿政办〔2025〕21号是什么文件？')).toBe(true);
    expect(intentBonus('温鹿政办〔2025〕21号是什么文件？', ['温鹿政办'], info)).toBe(0);
  });
});
