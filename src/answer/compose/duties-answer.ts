import { formatSection, isResponsibilityMark, type Measure } from '../../ingest/index.js';
import type { Manifest } from '../../index/index.js';
import { matchDocumentsOf, type MatchDocument } from '../../match/index.js';
import { compactForm, isBodyName, mentionsName } from '../../text/index.js';
import type { Citation } from '../types.js';
import { coveredPlacesIn } from '../corpus-places.js';
import type { Composed } from './composed.js';

// 「区人力社保局负责哪些工作？」「市科技局牵头什么？」「人社局的职责」: a department's share of the plans
const ASKS_DUTIES = /(?:负责|牵头|承担|主管|分管)(?:了|的)?(?:哪些|什么|哪几)|(?:有|是)(?:哪些|什么)(?:职责|分工|任务)|职责|分工/;
const LISTED = 5;
const CLAUSE = /[^。；;]+[。；;]?/g;

/** A department as the documents write it, and as a question may (南浔区人力社保局 for 区人力社保局). */
function namedIn(question: string, department: string): boolean {
  const asked = compactForm(question);
  const name = compactForm(department.replace(/^[*＊※]/, ''));
  const bare = name.replace(/^(?:区|市|县)/, '');
  return bare.length >= 3 && (asked.includes(name) || asked.includes(bare));
}

/** The clause of a measure that names the department (an item often gives each clause its own lead). */
function clauseOf(measure: Measure, department: string): string {
  const key = compactForm(department);
  const clauses = (measure.text.match(CLAUSE) ?? [measure.text]).map((clause) => clause.trim());
  return clauses.find((clause) => compactForm(clause).includes(key)) ?? measure.text;
}

const LINE_CHARS = 80;

/** What one line says: a table row by its first named field, an item by its heading and the clause the department is named in. */
function lineOf(measure: Measure, department: string): string {
  if (measure.kind === 'table-row') {
    const field = measure.text.replace(/^序号：\d+；/, '').split('；')[0] ?? measure.text;
    return field.replace(/^[^：]{1,10}：/, '');
  }
  const heading = measure.section.at(-1) ?? '';
  const named = clauseOf(measure, department);
  // an item naming its departments only in a closing mark is said by its first clause
  const label = compactForm(heading).replace(/[。.]$/, '');
  const gist = (measure.text.match(CLAUSE) ?? [measure.text])
    .map((part) => part.trim())
    .find((part) => compactForm(part).replace(/[。.]$/, '') !== label && !isResponsibilityMark(part));
  const clause = isResponsibilityMark(named) ? (gist ?? measure.text) : named;
  const said = compactForm(clause).startsWith(compactForm(heading)) ? clause : `${heading}：${clause}`;
  return said.length > LINE_CHARS ? `${said.slice(0, LINE_CHARS - 1)}…` : said;
}

interface Duty {
  document: MatchDocument;
  measure: Measure;
  leads: boolean;
}

/**
 * The department the question names, and the measures it leads or shares, in the documents of the
 * places asked. Undefined when the question names a place no document covers (the search path says so).
 */
function dutiesOf(
  question: string,
  documents: MatchDocument[],
  places: string[],
  covered: string[],
): { department: string; duties: Duty[] } | undefined {
  const elsewhere = places.filter(
    (place) => !isBodyName(place) && !covered.some((known) => mentionsName(known, place) || mentionsName(place, known)),
  );
  if (elsewhere.length > 0) return undefined;
  const inPlace = documents.filter(
    (document) =>
      covered.length === 0 ||
      covered.some((place) => [...document.measures.place, ...document.measures.areas].some((name) => mentionsName(name, place))),
  );
  const departments = inPlace.flatMap((document) => document.measures.measures.flatMap((measure) => measure.responsible));
  const department = [...new Set(departments)]
    .filter((name) => namedIn(question, name))
    .sort((left, right) => right.length - left.length)[0];
  if (!department) return undefined;
  const duties = inPlace.flatMap((document) =>
    document.measures.measures
      .filter((measure) => measure.responsible.includes(department))
      .map((measure) => ({ document, measure, leads: measure.lead.includes(department) })),
  );
  return duties.length > 0 ? { department, duties } : undefined;
}

function citationOf(duty: Duty, quote: string): Citation {
  return { source: duty.document.source, title: duty.document.title, section: formatSection(duty.measure.section), quote };
}

/**
 * 「南浔区人力社保局负责哪些工作？」: the measures the named department leads (then those it shares), read
 * from the documents' 牵头/责任单位 marks at index time, each cited. Undefined for any other question.
 */
export function dutiesAnswer(question: string, manifest: Manifest, places: string[]): Composed | undefined {
  if (!ASKS_DUTIES.test(question)) return undefined;
  const found = dutiesOf(question, matchDocumentsOf(manifest), places, coveredPlacesIn(question, manifest));
  if (!found) return undefined;
  const { department, duties } = found;
  const ordered = [...duties.filter((duty) => duty.leads), ...duties.filter((duty) => !duty.leads)];
  const shown = ordered.slice(0, LISTED);
  const led = duties.filter((duty) => duty.leads).length;
  const titles = [...new Set(duties.map((duty) => duty.document.title))];
  // one document: named once at the head; several (the same 区委宣传部 in two districts): on each line
  const where = titles.length === 1 ? `《${titles[0]}》中` : '文件中';
  const head = `${where}写明由${department}牵头的有${led}项${duties.length > led ? `，作为责任单位参与的另有${duties.length - led}项` : ''}：`;
  const lines = shown.map(
    (duty, index) =>
      `${index + 1}. ${lineOf(duty.measure, department)}${duty.leads ? '' : '（参与）'}${titles.length > 1 ? `（《${duty.document.title}》）` : ''}`,
  );
  const more = ordered.length > shown.length ? [`等${ordered.length}项。`] : [];
  return {
    answerable: true,
    answer: [head, ...lines, ...more].join('\n'),
    citations: shown.map((duty) =>
      citationOf(duty, duty.measure.kind === 'table-row' ? duty.measure.text : clauseOf(duty.measure, department)),
    ),
  };
}
