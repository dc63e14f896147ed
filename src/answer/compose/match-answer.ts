import type { Manifest } from '../../index/index.js';
import {
  appliesIn,
  knownPlaces,
  matchDocumentsOf,
  matchMeasures,
  readProfile,
  type MatchedMeasure,
  type MatchResult,
  type Profile,
} from '../../match/index.js';
import type { Citation } from '../types.js';
import type { Composed } from './composed.js';

// A chat answer lists the best few; the /match card shows more, each with its full text one click away.
const LISTED_MEASURES = 5;
const QUOTE_CHARS = 60;

/**
 * The match for a "what applies to me" question: its measures, or the honest "none" for a place no
 * document covers. Undefined when matching finds nothing in a covered place: the search-based answer
 * may still quote related support (the vocabularies cannot know every way a measure says who it is for).
 */
export function questionMatch(question: string, manifest: Manifest, today: Date): MatchResult | undefined {
  const documents = matchDocumentsOf(manifest);
  const profile = readProfile(question, knownPlaces(documents));
  if (!profile.place && profile.who.length === 0 && profile.industry.length === 0) return undefined;
  const result = matchMeasures(profile, documents, today);
  if (result.measures.length > 0) return result;
  const place = profile.place;
  const covered =
    !place || documents.some((document) => document.measures.measures.some((measure) => appliesIn(measure, document.measures, place)));
  return covered ? undefined : result;
}

/** 「地区：南浔；身份：大学生；行业：文创」: what the answer understood, so a wrong reading is visible. */
function profileLine(profile: Profile): string {
  return [
    `地区：${profile.place ?? '未说明'}`,
    profile.who.length > 0 ? `身份：${profile.who.join('、')}` : '',
    profile.industry.length > 0 ? `行业：${profile.industry.join('、')}` : '',
    profile.stage ? `阶段：${profile.stage}` : '',
  ]
    .filter((part) => part !== '')
    .join('；');
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function measureLine(measure: MatchedMeasure, index: number): string {
  const label = measure.section.split(' > ').at(-1) ?? measure.section;
  const lead = measure.lead.length > 0 ? `牵头：${measure.lead.join('、')}` : '文件未写明牵头部门';
  const validity = [measure.period && `执行期${measure.period}`, measure.status].filter(Boolean).join('，');
  return `${index + 1}. 《${measure.title}》${label}：「${cut(measure.quote, QUOTE_CHARS)}」（${lead}；${validity}）`;
}

/** A matched measure as an answer citation: its verbatim clause under its section. */
function measureCitation(measure: MatchedMeasure): Citation {
  return { source: measure.source, title: measure.title, section: measure.section, quote: measure.quote };
}

/**
 * "I am X and want to do Y in Z: what applies?" answered from the measures read at index time: the
 * best few, each with lead department, validity and a verbatim quote, then what the texts leave out and
 * the expired/draft notes; a place no document covers gets the honest "none", with what is covered.
 */
export function matchAnswer(result: MatchResult): Composed {
  const understood = `按您的情况（${profileLine(result.profile)}）`;
  if (result.measures.length === 0) {
    return { answerable: false, answer: [`${understood}，文件中没有找到可匹配的措施。`, ...result.notes].join('\n'), citations: [] };
  }
  const listed = result.measures.slice(0, LISTED_MEASURES);
  const more =
    result.measures.length > listed.length ? `\n另有 ${result.measures.length - listed.length} 条相关措施，可发送 /match 查看全部。` : '';
  const listedLabels = new Set(listed.map((measure) => measure.section.split(' > ').at(-1) ?? ''));
  // Gap notes of measures not listed would speak of items the reader cannot see.
  const notes = result.notes.filter((note) => !/^「(.+?)」：文件未写明/.test(note) || listedLabels.has(/^「(.+?)」/.exec(note)?.[1] ?? ''));
  return {
    answerable: true,
    answer: [`${understood}，文件中适用的措施（按相关程度排序）：`, ...listed.map(measureLine), ...new Set(notes)].join('\n') + more,
    citations: listed.map(measureCitation),
  };
}
