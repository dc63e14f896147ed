import { departmentsOf, leadConvention } from '../../ingest/index.js';
import type { RetrievedPassage } from '../../retrieve/index.js';
import { citationOf } from '../citation.js';
import type { QuestionReading } from '../read-question.js';
import type { Composed } from './composed.js';
import { unitCoverage, unitsOf } from './units.js';

const SUPPORT = /支持|补贴|补助|奖励|扶持|资助|给予|优先|优惠|免费|减免|贷款|基金|服务|培训|租金|入驻/;
const MAX_MEASURES = 3;
const MEASURE_CHARS = 50;
// A measure is an item of a plan's sections, about the asker's situation: half its words at least.
const MIN_COVERAGE = 0.3;

/** The lead (or else the first two responsible) departments a measure names: 「(责任单位:*区科技局、…)」 → 区科技局. */
function leadOf(text: string): string | undefined {
  const { lead, responsible } = departmentsOf(text, leadConvention(text));
  return (lead.length > 0 ? lead : responsible.slice(0, 2)).join('、') || undefined;
}

/**
 * "What support can someone like me get": the measures of the top passages that offer support and
 * match the question's words, each with its 牵头/责任单位, cited.
 */
export function measuresAnswer(reading: QuestionReading, passages: RetrievedPassage[]): Composed | undefined {
  const measures = passages
    .slice(0, 8)
    .filter((passage) => passage.chunk.kind === 'paragraph' && passage.chunk.sectionPath.length > 0 && SUPPORT.test(passage.chunk.text))
    .map((passage, rank) => ({ passage, units: unitsOf(passage, rank).filter((unit) => SUPPORT.test(unit.text)) }))
    .filter(({ units }) => units.length > 0)
    .map(({ passage, units }) => {
      const best = [...units].sort((left, right) => unitCoverage(right, reading.subject) - unitCoverage(left, reading.subject))[0];
      return { passage, unit: best, lead: leadOf(passage.chunk.text) };
    })
    .filter((measure) => measure.unit !== undefined && unitCoverage(measure.unit, reading.subject) >= MIN_COVERAGE)
    .slice(0, MAX_MEASURES);
  if (measures.length < 2) return undefined;
  const lines = measures.map(({ passage, unit, lead }, index) => {
    const heading = passage.chunk.sectionPath.at(-1) ?? '';
    const text = (unit?.text ?? '').slice(0, MEASURE_CHARS);
    return `${index + 1}. ${heading ? `${heading}：` : ''}${text}${(unit?.text.length ?? 0) > MEASURE_CHARS ? '…' : ''}${lead ? `（牵头/责任单位：${lead}）` : ''}`;
  });
  return {
    answerable: true,
    answer: `文件中与您情况相关的支持措施有：\n${lines.join('\n')}`,
    citations: measures.map(({ passage, unit }) => citationOf(passage, unit?.text ?? passage.chunk.text)),
  };
}
