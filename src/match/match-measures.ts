import { documentStatus, STATUS_LABELS, statusNotice, type DocumentFacts, type DocumentMeasures, type Measure } from '../ingest/index.js';
import { appliesIn, coveredPlaces } from './coverage.js';
import { FIELD_CLASSES, GENERIC_WORDS, WHO_CLASSES, type ProfileClass } from './profile-words.js';
import type { Profile } from './profile.js';
import { quoteFor } from './quote.js';

/** A served document as matching needs it: its facts (period, draft) and the measures read at index time. */
export interface MatchDocument {
  source: string;
  title: string;
  facts?: DocumentFacts | undefined;
  measures: DocumentMeasures;
}

/** One measure that fits a profile, with what a reader needs to act on it and check it. */
export interface MatchedMeasure {
  id: string;
  source: string;
  title: string;
  section: string;
  text: string;
  lead: string[];
  period: string;
  status: string;
  /** The clause of the text that holds the matched words, verbatim. */
  quote: string;
  /** The document words that made it match. */
  matched: string[];
  score: number;
}

export interface MatchResult {
  profile: Profile;
  measures: MatchedMeasure[];
  notes: string[];
}

/** Weights of the overlap: who a measure is for counts as much as its field; arguments, not buried constants. */
interface MatchWeights {
  who: number;
  industry: number;
}

const DEFAULT_WEIGHTS: MatchWeights = { who: 2, industry: 2 };
// A measure that states an amount or its conditions says what the reader needs; one that does not gets a note.
const STATES_TERMS = /申请条件|申报条件|条件的|符合.{0,12}条件|\d+(?:\.\d+)?\s*万?元|补贴标准|给予.{0,10}(?:补贴|奖励|资助)\d/;

function wordsOf(names: string[], classes: ProfileClass[]): Map<string, string[]> {
  return new Map(
    classes
      .filter((profileClass) => names.includes(profileClass.name))
      .map((profileClass) => [profileClass.name, profileClass.documentWords]),
  );
}

/** Classes hit, a class hit only through 青年/青年人才 counting half: those words are on nearly every item. */
function overlap(measureWords: string[], wanted: Map<string, string[]>): { classes: number; words: string[] } {
  const words: string[] = [];
  let classes = 0;
  for (const documentWords of wanted.values()) {
    const hit = measureWords.filter((word) => documentWords.includes(word));
    if (hit.length > 0) ((classes += hit.some((word) => !GENERIC_WORDS.includes(word)) ? 1 : 0.5), words.push(...hit));
  }
  return { classes, words };
}

/**
 * An item whose audience is only the generic youth words (青创项目 finance, 青年人才 services) is for
 * every young founder, unless it names a field of its own the profile does not share: then its
 * generic hit counts in full.
 */
function forEveryYoungFounder(measure: Measure, industry: Map<string, string[]>): boolean {
  if (measure.who.length === 0 || !measure.who.every((word) => GENERIC_WORDS.includes(word))) return false;
  const fields = FIELD_CLASSES.filter((fieldClass) => measure.industry.some((word) => fieldClass.documentWords.includes(word)));
  return fields.length === 0 || fields.some((fieldClass) => industry.has(fieldClass.name));
}

function matchedMeasure(measure: Measure, document: MatchDocument, words: string[], score: number, today: Date): MatchedMeasure {
  return {
    id: measure.id,
    source: measure.source,
    title: document.title,
    section: measure.section.join(' > '),
    text: measure.text,
    lead: measure.lead,
    period: document.facts?.period?.text ?? '',
    status: STATUS_LABELS[documentStatus(document.facts, today)],
    quote: quoteFor(measure.text, words),
    matched: [...new Set(words)],
    score,
  };
}

function gapNotes(measures: MatchedMeasure[]): string[] {
  return measures.flatMap((measure) => {
    if (STATES_TERMS.test(measure.text)) return [];
    const label = measure.section.split(' > ').at(-1) ?? measure.section;
    const ask = measure.lead.length > 0 ? `，可咨询${measure.lead.join('、')}` : '，文件也未写明牵头部门';
    return [`「${label}」：文件未写明申请条件和补贴标准${ask}。`];
  });
}

/**
 * Ranks the measures that fit a profile, best first: the place must be one the document covers,
 * then who it is for and its field must overlap. Expired and draft documents stay in, flagged.
 */
export function matchMeasures(
  profile: Profile,
  documents: MatchDocument[],
  today: Date,
  weights: MatchWeights = DEFAULT_WEIGHTS,
): MatchResult {
  const who = wordsOf(profile.who, WHO_CLASSES);
  const industry = wordsOf(profile.industry, FIELD_CLASSES);
  const place = profile.place;
  const inPlace = documents.filter(
    (document) => !place || document.measures.measures.some((measure) => appliesIn(measure, document.measures, place)),
  );
  if (place && inPlace.length === 0) {
    return {
      profile,
      measures: [],
      notes: [`现有文件没有覆盖${place}的政策，暂无可匹配的措施。已收录的地区：${coveredPlaces(documents).join('、')}。`],
    };
  }
  const ranked: MatchedMeasure[] = [];
  for (const document of inPlace) {
    for (const measure of document.measures.measures) {
      if (place && !appliesIn(measure, document.measures, place)) continue;
      // 乡创 is a field word and says who too: classes look at both lists.
      const words = [...measure.who, ...measure.industry];
      const byWho = overlap(words, who);
      const byField = overlap(words, industry);
      if (byWho.classes > 0 && byWho.classes < 1 && forEveryYoungFounder(measure, industry)) byWho.classes = 1;
      const score = weights.who * byWho.classes + weights.industry * byField.classes;
      // A match needs one specific word: a weight's worth, not two half-counting generic ones.
      if (score >= Math.min(weights.who, weights.industry))
        ranked.push(matchedMeasure(measure, document, [...byWho.words, ...byField.words], score, today));
    }
  }
  ranked.sort((left, right) => right.score - left.score);
  const notes: string[] = [];
  if (!place) notes.push('您没有说明所在地，以下按全部文件匹配，请留意各文件适用的地区。');
  if (profile.who.length === 0 && profile.industry.length === 0)
    notes.push('请说明您的身份（如大学生、返乡青年、孵化器运营方）和行业（如文创、电商、生物医药），以便匹配措施。');
  else if (ranked.length === 0) notes.push(`${place ?? '现有文件'}的措施中没有找到与您的身份或行业相符的条目。`);
  const flagged = new Set(ranked.map((measure) => measure.source));
  for (const document of inPlace.filter((candidate) => flagged.has(candidate.source))) {
    const notice = statusNotice(document.facts, today);
    if (notice) notes.push(notice);
  }
  return { profile, measures: ranked, notes: [...notes, ...gapNotes(ranked)] };
}
