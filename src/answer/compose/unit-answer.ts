import type { RetrievedPassage } from '../../retrieve/index.js';
import { departmentsOf, isResponsibilityMark, leadConvention } from '../../ingest/index.js';
import { compactForm, mentionsName, personNames } from '../../text/index.js';
import { citationOf } from '../citation.js';
import type { Asked, QuestionReading } from '../read-question.js';
import type { Composed } from './composed.js';
import { recordSentence } from './record-sentence.js';
import { ASKED_NAMES, statesFact, STRICT_KINDS } from './states-fact.js';
import { rankedUnits, recordFields, unitCoverage, type Unit } from './units.js';

export const MAX_ANSWER_CHARS = 300;
const SHORT_UNIT = 30;
const PERSON_KEYS = /姓名|主理人|负责人|联系人/;

/** What a unit says, in words a reader takes in at once: records as sentences, fragments with their heading. */
export function sayUnit(unit: Unit, question: string, reading: QuestionReading): string {
  const { chunk } = unit.passage;
  if (chunk.kind === 'table-row') {
    const fields = recordFields(unit.text);
    if (fields.length > 0) return recordSentence(fields, question, (key) => reading.asks.some((kind) => askedByKey(kind, key)));
  }
  if (chunk.kind !== 'paragraph') return unit.text;
  // A bare fragment such as "(责任单位:区人力社保局)" needs the heading it belongs to.
  const heading = chunk.sectionPath.at(-1);
  const responsibility = isResponsibilityMark(unit.text) ? responsibilityLine(unit.text) : undefined;
  if (responsibility) return heading ? `${heading}：${responsibility}` : responsibility;
  return unit.text.length < SHORT_UNIT && heading && !unit.text.includes(heading) ? `${heading}：${unit.text}` : unit.text;
}

/** 「(责任单位:*区科技局、鹿城经开区管委会、各街镇,标*的为牵头单位,下同)」 said plainly: 由区科技局牵头，…参与. */
function responsibilityLine(mark: string): string | undefined {
  const { lead, responsible } = departmentsOf(mark, leadConvention(mark));
  if (responsible.length === 0) return undefined;
  const others = responsible.filter((name) => !lead.includes(name));
  if (lead.length === 0) return `责任单位为${responsible.join('、')}。`;
  return `由${lead.join('、')}牵头${others.length > 0 ? `，${others.join('、')}参与` : ''}。`;
}

function askedByKey(kind: Asked, key: string): boolean {
  if (kind === 'time') return /时间|日期|月份/.test(key);
  if (kind === 'department') return /部门|单位|主体|机构|主办/.test(key);
  if (kind === 'person') return PERSON_KEYS.test(key);
  if (kind === 'count') return /面积|数|规模|人数/.test(key);
  if (kind === 'money') return /金额|资金|补贴|基金/.test(key);
  return false;
}

const NAMED_ROLES = /组长|主任|主理人|负责人|联系人|成员|召集人/;
const NAMED_HOLDER = /[\u4e00-\u9fa5]{2,3}(?:兼任|担任)|(?:姓名|主理人|负责人|联系人)=/;

function aboutPlaces(unit: Unit, reading: QuestionReading): boolean {
  const { chunk } = unit.passage;
  return reading.places.every((place) => mentionsName(`${chunk.title}${chunk.sectionPath.join('')}${chunk.text}`, place));
}

/**
 * Whether a unit states the asked kind. A role (组长, 负责人) is held by a named person; a bare
 * 「谁…」 is answered by a person or by the body that acted (中央政法委提出…).
 */
function states(kind: Asked, unit: Unit, reading: QuestionReading): boolean {
  if (kind !== 'person') return statesFact(kind, unit.text);
  const named = unit.passage.chunk.kind === 'person' || personNames(unit.text).length > 0 || NAMED_HOLDER.test(unit.text);
  if (reading.role && NAMED_ROLES.test(reading.role)) return named;
  return named || statesFact('person', unit.text) || statesFact('department', unit.text);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The words of the question's subject a refusal names: 「湖州播种计划」的咨询电话. */
function subjectPhrase(reading: QuestionReading): string {
  const words = reading.subject.filter((term) => term.length >= 2 && !/多少|电话|金额|万元|几年|比例|是谁/.test(term)).slice(0, 3);
  return words.length > 0 ? `「${words.join('')}」的` : '';
}

/**
 * A precise refusal: which asked fact the documents do not state, and the closest clause as
 * 「相关内容」 with its citation. `answerable` stays false.
 */
function missingFactRefusal(reading: QuestionReading, missing: Asked[], related: Unit | undefined, question: string): Composed {
  const names = missing.map((kind) => ASKED_NAMES[kind] ?? '所问内容');
  const head = `现有文件中没有写明${subjectPhrase(reading)}${names.join('、')}，我不能凭空作答。`;
  if (!related) return { answerable: false, answer: head, citations: [], missing: names };
  const quote = truncate(sayUnit(related, question, reading), MAX_ANSWER_CHARS - head.length - 20);
  return {
    answerable: false,
    answer: `${head}\n相关内容：${quote}（《${related.passage.chunk.title}》）`,
    citations: [citationOf(related.passage, related.text)],
    missing: names,
  };
}

/**
 * The extractive answer from the best sentences or records: the unit that best states what is
 * asked first, a second one when it states an asked fact the first lacks. Refuses when a strictly
 * asked fact (an amount, a phone number, a number of years, a person) is stated by no unit about the subject.
 */
export function unitAnswer(question: string, reading: QuestionReading, passages: RetrievedPassage[]): Composed {
  const ranked = rankedUnits(question, reading, passages);
  const best = ranked[0];
  if (!best) return { answerable: false, answer: '', citations: [] };
  const topic = reading.subject;
  // Evidence about the subject: in a passage about the places asked (湖州, not a temple in Beijing) and on its words.
  const onSubject = (unit: Unit): boolean => aboutPlaces(unit, reading) && (unitCoverage(unit, topic) >= 0.5 || unit.passageRank === 0);
  const strict = reading.asks.filter((kind) => STRICT_KINDS.has(kind));
  const unstated = strict.filter((kind) => !ranked.slice(0, 8).some((unit) => onSubject(unit) && states(kind, unit, reading)));
  if (unstated.length > 0) return missingFactRefusal(reading, unstated, best, question);
  const first = ranked.find((unit) => onSubject(unit) && strict.every((kind) => states(kind, unit, reading))) ?? best;
  const chosen = [first];
  const lacking = reading.asks.filter((kind) => !states(kind, first, reading));
  const second =
    ranked.find((unit) => unit !== first && onSubject(unit) && lacking.some((kind) => states(kind, unit, reading))) ??
    ranked.find(
      (unit) =>
        unit !== first &&
        unit.passage.chunk.source === first.passage.chunk.source &&
        unit.score >= first.score * 0.9 &&
        unit.text !== first.text,
    );
  const parts = chosen.map((unit) => sayUnit(unit, question, reading));
  if (second) {
    const said = sayUnit(second, question, reading);
    if (parts[0] !== undefined && parts[0].length + said.length <= MAX_ANSWER_CHARS && !compactForm(parts[0]).includes(compactForm(said))) {
      chosen.push(second);
      parts.push(said);
    }
  }
  return {
    answerable: true,
    answer: truncate(parts.join(' '), MAX_ANSWER_CHARS),
    citations: chosen.map((unit) => citationOf(unit.passage, unit.text)),
  };
}

/**
 * The precise refusal for a question the retrieval gate turned down that asks a strict fact
 * (咨询电话, 补贴金额): what is missing, and the nearest clause when one shares half its words.
 */
export function strictFactRefusal(question: string, reading: QuestionReading, passages: RetrievedPassage[]): Composed | undefined {
  const strict = reading.asks.filter((kind) => STRICT_KINDS.has(kind));
  if (strict.length === 0) return undefined;
  const related = rankedUnits(question, reading, passages).find((unit) => unitCoverage(unit, reading.subject) >= 0.4);
  return missingFactRefusal(reading, strict, related, question);
}
