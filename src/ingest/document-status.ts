import type { DocumentFacts } from './document-facts.js';

/** Where a document stands today: what a reader must know before relying on it. */
type DocumentStatus = 'draft' | 'trial' | 'in-force' | 'expired' | 'unknown';

/** The status label people read in lists and cards. */
export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: '征求意见稿',
  trial: '试行',
  'in-force': '有效',
  expired: '已到期',
  unknown: '未注明',
};

function isoDay(today: Date): string {
  // Policy periods are Chinese calendar days: judge them in China's time zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(today);
}

/**
 * A document's status on a given day: a draft stays a draft; one an admin confirmed as still in force
 * is in force; a period that ended before today is expired.
 */
export function documentStatus(facts: DocumentFacts | undefined, today: Date): DocumentStatus {
  if (!facts || facts.kind !== 'official') return 'unknown';
  if (facts.draft) return 'draft';
  if (facts.confirmedInForce) return facts.trial ? 'trial' : 'in-force';
  const day = isoDay(today);
  if (facts.period?.to && facts.period.to < day) return 'expired';
  if (facts.period?.from && facts.period.from > day) return 'unknown';
  if (facts.trial) return 'trial';
  return facts.period?.to ? 'in-force' : 'unknown';
}

/** The one notice line an answer citing an expired or draft document carries, or undefined. */
export function statusNotice(facts: DocumentFacts | undefined, today: Date): string | undefined {
  const status = documentStatus(facts, today);
  if (!facts) return undefined;
  const name = `《${facts.title}》`;
  if (status === 'expired') return `注意：${name}执行期为${facts.period?.text ?? ''}，已到期。`;
  if (status === 'draft') return `注意：${name}是${facts.draft ?? '征求意见稿'}，内容可能调整，请以正式印发文件为准。`;
  return undefined;
}

/** A document's status as lists show it: 「已到期（2017—2020年）」, 「征求意见稿」, 「有效（2025—2027年）」. */
export function statusLabel(facts: DocumentFacts | undefined, today: Date): string {
  const status = documentStatus(facts, today);
  if (!facts || facts.kind !== 'official') return '';
  const period = facts.period ? `（${facts.period.text}${facts.confirmedInForce ? '，管理员已确认仍有效' : ''}）` : '';
  return status === 'unknown' ? (period ? `执行期${period}` : '') : `${STATUS_LABELS[status]}${status === 'draft' ? '' : period}`;
}

/** An admin's 「仍然有效」 on a document: who, and when. */
export interface InForceMark {
  at: string;
  by: string;
}

/** The facts as served: with an admin's 「仍然有效」 mark when there is one (index-time facts never carry it). */
export function withInForceMark(facts: DocumentFacts | undefined, mark: InForceMark | undefined): DocumentFacts | undefined {
  return facts && mark ? { ...facts, confirmedInForce: mark } : facts;
}
