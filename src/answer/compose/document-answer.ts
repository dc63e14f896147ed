import { documentStatus, type DocumentFacts } from '../../ingest/index.js';
import type { RetrievedPassage } from '../../retrieve/index.js';
import { compactForm, mentionsName } from '../../text/index.js';
import type { Asked, QuestionReading } from '../read-question.js';
import type { Citation } from '../types.js';
import type { Composed } from './composed.js';

/** The facts of every document the index serves, by source. */
export type FactsBySource = (source: string) => DocumentFacts | undefined;

function titleOverlap(title: string, reading: QuestionReading): number {
  const haystack = compactForm(title);
  const terms = reading.subject.map(compactForm).filter((term) => term.length >= 2);
  const shared = terms.filter((term) => haystack.includes(term)).reduce((sum, term) => sum + Math.min(4, term.length), 0);
  const places = reading.places.filter((place) => mentionsName(title, place)).length;
  return shared + places * 2;
}

/**
 * The document a question is about: among the documents of the top passages, the one whose title
 * shares most with the question (播种计划 → 《湖州市创新型小微企业"播种计划"行动方案》), rank breaking ties.
 */
function documentAsked(
  reading: QuestionReading,
  passages: RetrievedPassage[],
  facts: FactsBySource,
): (DocumentFacts & { source: string }) | undefined {
  const sources = [...new Set(passages.slice(0, 5).map((passage) => passage.chunk.source))];
  let best: (DocumentFacts & { source: string }) | undefined;
  let bestScore = -1;
  for (const source of sources) {
    const found = facts(source);
    if (!found || found.kind !== 'official') continue;
    const score = titleOverlap(found.title, reading);
    if (score > bestScore) ((best = { ...found, source }), (bestScore = score));
  }
  return best;
}

function cite(facts: DocumentFacts & { source: string }, field: string): Citation {
  return { source: facts.source, title: facts.title, section: '文件信息', quote: facts.lines[field] ?? facts.title };
}

function formatDay(today: Date): string {
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(
    today,
  );
  return parts.replace(/\s/g, '');
}

function validityLine(facts: DocumentFacts, today: Date): string | undefined {
  const status = documentStatus(facts, today);
  const period = facts.period?.text;
  if (status === 'draft') return `该文件是${facts.draft ?? '征求意见稿'}，尚未正式印发${period ? `，拟定执行期为${period}` : ''}。`;
  if (!period) return undefined;
  if (status === 'expired')
    return `执行期为${period}，已于${facts.period?.to?.slice(0, 4)}年底前到期，截至${formatDay(today)}已不在执行期内。`;
  if (facts.confirmedInForce) return `执行期为${period}，管理员已确认该文件目前仍然有效。`;
  if (status === 'in-force' || status === 'trial')
    return `执行期为${period}，截至${formatDay(today)}仍在执行期内，尚未到期${status === 'trial' ? '（试行）' : ''}。`;
  return `执行期为${period}，截至${formatDay(today)}尚未开始。`;
}

/** 「，到2027年底到期」 or 「，已于2020年底到期」: when the period ends, as 什么时候到期 asks. */
function periodEnd(facts: DocumentFacts, today: Date): string {
  const to = facts.period?.to;
  if (!to) return '';
  const end = to.endsWith('-12-31') ? `${to.slice(0, 4)}年底` : to;
  if (facts.confirmedInForce) return `，写明到${end}，管理员已确认目前仍然有效`;
  return documentStatus(facts, today) === 'expired' ? `，已于${end}到期` : `，到${end}到期`;
}

/** One document fact said plainly, or undefined when the document does not state it. */
function factLine(kind: Asked, facts: DocumentFacts, today: Date): { text: string; field: string } | undefined {
  switch (kind) {
    case 'doc-number':
      return facts.docNumber ? { text: `的文号是${facts.docNumber}。`, field: 'docNumber' } : undefined;
    case 'issuer':
      return facts.issuer
        ? { text: `由${facts.issuer}印发${facts.docNumber ? `（${facts.docNumber}）` : ''}。`, field: 'issuer' }
        : undefined;
    case 'issued-date':
      if (!facts.issuedOn) return undefined;
      return {
        text: `的印发（成文）日期是${facts.issuedOn}${facts.publishedOn ? `；网站的生成日期${facts.publishedOn}是网页发布时间，不是成文日期` : ''}。`,
        field: 'issuedOn',
      };
    case 'period':
      return facts.period ? { text: `执行期为${facts.period.text}${periodEnd(facts, today)}。`, field: 'period' } : undefined;
    case 'validity': {
      const line = validityLine(facts, today);
      return line ? { text: line, field: facts.draft ? 'draft' : 'period' } : undefined;
    }
    default:
      return undefined;
  }
}

const MISSING: Partial<Record<Asked, string>> = {
  'doc-number': '文号',
  issuer: '发文单位',
  'issued-date': '印发日期',
  period: '执行期限',
  validity: '执行期限',
};

/**
 * Answers questions about a document itself (文号, issuer, date, period, still in force?) from the
 * facts read at index time, each part citing the line it comes from.
 */
export function documentAnswer(
  reading: QuestionReading,
  kinds: Asked[],
  passages: RetrievedPassage[],
  facts: FactsBySource,
  today: Date,
): Composed | undefined {
  const document = documentAsked(reading, passages, facts);
  if (!document) return undefined;
  const lines = kinds.map((kind) => ({ kind, line: factLine(kind, document, today) }));
  const stated = lines.filter((entry) => entry.line !== undefined);
  const missing = lines.filter((entry) => entry.line === undefined).map((entry) => MISSING[entry.kind] ?? entry.kind);
  const name = `《${document.title}》`;
  if (stated.length === 0) {
    return { answerable: false, answer: `${name}中没有写明${missing.join('、')}。`, citations: [cite(document, 'title')], missing };
  }
  const text = stated.map((entry) => entry.line?.text ?? '').join('');
  const gap = missing.length > 0 ? `文件中没有写明${missing.join('、')}。` : '';
  return {
    answerable: true,
    answer: `${name}${text}${gap}`,
    citations: [...new Set(stated.map((entry) => entry.line?.field ?? 'title'))].map((field) => cite(document, field)),
  };
}
