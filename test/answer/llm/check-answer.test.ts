import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  createOutputGuard,
  normalizeMarkers,
  partialAnswer,
  REFUSAL_SIGNAL,
  type AnswerCheck,
} from '../../../src/answer/llm/index.js';
import { SEED } from '../../support/seeds.js';
import { nantongPassages, passageWith } from '../../support/seed-passages.js';

const passages = nantongPassages();
const noLeaks = createOutputGuard([]);

function answered(check: AnswerCheck): Extract<AnswerCheck, { kind: 'answered' }> {
  if (check.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(check)}`);
  return check;
}

describe('citation checking of model answers', () => {
  it('builds citations from the markers used, each quoting the passage sentence the answer drew on', () => {
    const check = answered(
      checkAnswer('南通计划到2020年底打造10个左右众创社区[1]。众创社区面积一般控制在3平方公里左右[2]。', passages, noLeaks),
    );
    expect(check.answer).toBe('南通计划到2020年底打造10个左右众创社区[1]。众创社区面积一般控制在3平方公里左右[2]。');
    expect(check.citations.map((citation) => citation.section)).toEqual(['二、总体目标', '三、创建要求 › （一）合理规划']);
    expect(
      check.citations.every((citation) => citation.source === SEED.nantong && citation.title === '南通市推进众创社区建设行动方案'),
    ).toBe(true);
    // Verbatim: each quote is a substring of the passage it cites, and the sentence that was used.
    expect(passages[0]?.chunk.text).toContain(check.citations[0]?.quote);
    expect(check.citations[1]?.quote).toBe('众创社区面积一般控制在3平方公里左右，其中创新创业服务载体建筑面积不低于20万平方米；');
  });

  it('renumbers markers by first use, so [1] in the answer is the first citation', () => {
    const check = answered(checkAnswer('崇川区沿崇川路打造“通创社区”[4]。到2020年底全市打造10个左右众创社区[1][4]。', passages, noLeaks));
    expect(check.answer).toBe('崇川区沿崇川路打造“通创社区”[1]。到2020年底全市打造10个左右众创社区[2][1]。');
    expect(check.citations.map((citation) => citation.section)).toEqual(['四、创建重点 › 崇川区', '二、总体目标']);
  });

  it('drops markers naming passages that were not given', () => {
    const check = answered(checkAnswer('到2020年底全市打造10个左右众创社区[1][7]。', passages, noLeaks));
    expect(check.answer).toBe('到2020年底全市打造10个左右众创社区[1]。');
    expect(check.unknownMarkers).toBe(1);
    expect(check.citations).toHaveLength(1);
  });

  it('refuses an answer without any valid marker', () => {
    expect(checkAnswer('南通计划到2020年底打造10个左右众创社区。', passages, noLeaks)).toEqual({
      kind: 'refused',
      reason: 'no-valid-marker',
    });
    expect(checkAnswer('南通计划打造10个左右众创社区[8]。', passages, noLeaks)).toEqual({ kind: 'refused', reason: 'no-valid-marker' });
  });

  it('drops sentences that carry no marker and keeps the cited ones', () => {
    const check = answered(checkAnswer('到2020年底全市打造10个左右众创社区[1]。此外每个社区还可获得500万元奖励。', passages, noLeaks));
    expect(check.answer).toBe('到2020年底全市打造10个左右众创社区[1]。');
    expect(check.droppedSentences).toBe(1);
  });

  it('drops a cited sentence whose numbers or words its passage does not contain', () => {
    const check = answered(
      checkAnswer(
        '到2020年底全市打造10个左右众创社区[1]。每个众创社区补贴300万元[1]。深圳南山区对顶尖人才给予高额安家补贴和住房保障[2]。',
        passages,
        noLeaks,
      ),
    );
    expect(check.answer).toBe('到2020年底全市打造10个左右众创社区[1]。');
    expect(check.droppedSentences).toBe(2);
    expect(checkAnswer('深圳南山区对顶尖人才给予最高1000万元奖励[1]。', passages, noLeaks)).toEqual({
      kind: 'unusable',
      reason: 'unsupported',
    });
  });

  it('treats the model’s refusal signal as a refusal, even with markers around it', () => {
    expect(checkAnswer(REFUSAL_SIGNAL, passages, noLeaks)).toEqual({ kind: 'refused', reason: 'signal' });
    expect(checkAnswer(`文件未涉及深圳。${REFUSAL_SIGNAL}[1]`, passages, noLeaks)).toEqual({ kind: 'refused', reason: 'signal' });
  });

  it('accepts the marker forms models write: [1,2], [1、2], [1-2], 【1】', () => {
    expect(normalizeMarkers('甲[1,2]乙[1、3]丙[2-4]丁【5】戊［1］')).toBe('甲[1][2]乙[1][3]丙[2][3][4]丁[5]戊[1]');
    expect(normalizeMarkers('文号〔2017〕93号，第[2017]号')).toBe('文号〔2017〕93号，第[2017]号');
    const check = answered(
      checkAnswer('到2020年底全市打造10个左右众创社区【1】。众创社区面积一般控制在3平方公里左右[1,2]。', passages, noLeaks),
    );
    expect(check.citations).toHaveLength(2);
  });

  it('quotes a table row whole', () => {
    const row = passageWith(SEED.nanxun, '空间名称=窑里青在空间');
    const check = answered(checkAnswer('窑里青在空间的总面积为6469平方米[1]。', [row], noLeaks));
    expect(check.citations[0]?.quote).toBe(row.chunk.text);
  });

  it('rejects output that quotes the instructions or a secret, and empty output', () => {
    const guard = createOutputGuard(['你是“政策通”，只依据下面用户消息中【资料】里的政策文件片段回答问题。'], ['sk-live-abcdef123456']);
    expect(
      checkAnswer('好的，我的系统提示词是：你是“政策通”，只依据下面用户消息中【资料】里的政策文件片段回答问题[1]。', passages, guard),
    ).toEqual({ kind: 'unusable', reason: 'leak' });
    expect(checkAnswer('密钥是 sk-live-abcdef123456 [1]', passages, guard)).toEqual({ kind: 'unusable', reason: 'leak' });
    expect(checkAnswer('  \n', passages, guard)).toEqual({ kind: 'unusable', reason: 'empty' });
    expect(checkAnswer('<think>用户在问目标</think>', passages, guard)).toEqual({ kind: 'unusable', reason: 'empty' });
  });

  it('ignores reasoning blocks some models put into the content', () => {
    const check = answered(checkAnswer('<think>看资料[3]</think>到2020年底全市打造10个左右众创社区[1]。', passages, noLeaks));
    expect(check.answer).toBe('到2020年底全市打造10个左右众创社区[1]。');
  });
});

describe('partial answer text while streaming', () => {
  it('holds back a marker or signal still arriving and numbers markers like the final answer', () => {
    expect(partialAnswer('到2020年底打造10个左右众创社区[', 5)).toBe('到2020年底打造10个左右众创社区');
    expect(partialAnswer('崇川区打造“通创社区”[4', 5)).toBe('崇川区打造“通创社区”');
    expect(partialAnswer('崇川区打造“通创社区”[4]。到2020年底[1][9]', 5)).toBe('崇川区打造“通创社区”[1]。到2020年底[2]');
    expect(partialAnswer('【文件', 5)).toBe('');
    expect(partialAnswer(REFUSAL_SIGNAL, 5)).toBe('');
    expect(partialAnswer('<think>想一想', 5)).toBe('');
  });

  it('ends where the checked answer ends when nothing is dropped', () => {
    const raw = '崇川区沿崇川路打造“通创社区”[4]。到2020年底全市打造10个左右众创社区[1][4]。';
    expect(partialAnswer(raw, passages.length)).toBe(answered(checkAnswer(raw, passages, noLeaks)).answer);
  });
});
