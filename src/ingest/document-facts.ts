import { z } from 'zod';
import { cleanText } from '../text/index.js';

/** A document's period of validity, as written (「2025—2027年」) and as years or dates. */
const periodSchema = z.object({
  /** The words of the document: 「2025—2027年」, 「自2024年1月1日起施行，有效期3年」. */
  text: z.string(),
  /** ISO date (YYYY-MM-DD) the period starts, when the text says. */
  from: z.string().optional(),
  /** ISO date (YYYY-MM-DD) of the last day in force, when the text says. */
  to: z.string().optional(),
});
type Period = z.infer<typeof periodSchema>;

/** What a document says about itself, read at index time; each field cites the line it comes from. */
export const documentFactsSchema = z.object({
  title: z.string(),
  docNumber: z.string().optional(),
  issuer: z.string().optional(),
  /** The document's own date (成文/印发), as written: 2025年6月12日. */
  issuedOn: z.string().optional(),
  /** A portal's 生成日期/发布日期, kept apart from the document's own date. */
  publishedOn: z.string().optional(),
  period: periodSchema.optional(),
  /** 征求意见稿, 草案, 讨论稿, 送审稿: the words that mark a draft, when present. */
  draft: z.string().optional(),
  /** 试行 or 暂行, when the title says so. */
  trial: z.boolean().optional(),
  kind: z.enum(['official', 'article']),
  /**
   * Set when served, never at index time: an admin confirmed the document is still in force after its
   * written period ended (「仍然有效」 on the expiry card), so it is no longer reported as expired.
   */
  confirmedInForce: z.object({ at: z.string(), by: z.string() }).optional(),
  /** The source line each field was read from (field name → verbatim line). */
  lines: z.record(z.string(), z.string()),
});
export type DocumentFacts = z.infer<typeof documentFactsSchema>;

const HEAD_CHARS = 4000;
const DOC_NUMBER = /[\u4e00-\u9fa5]{2,10}\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号/;
const DRAFT = /征求意见稿|征求意见版|草案|讨论稿|送审稿|修订稿/;
const TRIAL = /试行|暂行/;
const DATE_CN = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const ISSUER_SUFFIX = '(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管委会|局|厅|委)';
const SIGNATURE = new RegExp(`([\\u4e00-\\u9fa5]{2,30}?${ISSUER_SUFFIX})\\s*(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)`);
const HEADER_ISSUER = new RegExp(`^([\\u4e00-\\u9fa5]{2,30}?${ISSUER_SUFFIX})\\s*文件$`);
const TITLE_PERIOD = /[（(]\s*((?:19|20)\d{2})\s*(?:年)?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})\s*年?\s*[)）]/;
const EFFECTIVE = /自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*(?:施行|实施|执行|生效)/;
const VALID_FOR = /有效期\s*(?:为|至)?\s*(\d{1,2}|[一二三四五六七八九十])\s*年/;
const VALID_UNTIL = /有效期\s*至\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/;
const UNTIL_YEAR_END = /到\s*((?:19|20)\d{2})\s*年\s*底/;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 2025年6月12日 → 2025-06-12. */
function isoDate(written: string): string | undefined {
  const match = DATE_CN.exec(written) ?? /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(written);
  if (!match) return undefined;
  return `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
}

const QUOTE_REACH = 60;

/** The line (or, in a page pasted as one line, the sentence) around a match: what a citation quotes. */
function lineAround(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - QUOTE_REACH), index);
  const after = text.slice(index, index + QUOTE_REACH);
  const opens = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('。'), before.lastIndexOf(':'), before.lastIndexOf('：'));
  const closes = after.search(/[\n。]/);
  return cleanText(`${before.slice(opens + 1)}${closes < 0 ? after : after.slice(0, closes + 1)}`);
}

/** The 文号 in its official form: 六角括号 〔2025〕 whatever brackets the source used. */
function docNumberOf(head: string, fields: Map<string, string>): { value: string; line: string } | undefined {
  const fromPortal = fields.get('文号');
  const match = DOC_NUMBER.exec(fromPortal ?? head);
  if (!match) return undefined;
  const prefix = match[0].replace(/\s+/g, '').replace(/[〔\[［【(（].*$/, '');
  const line = fromPortal ? `文号：${fromPortal}` : lineAround(head, match.index);
  return { value: `${prefix}〔${match[1]}〕${match[2]}号`, line };
}

function periodOf(title: string, head: string, issuedOn: string | undefined): { period: Period; line: string } | undefined {
  const titled = TITLE_PERIOD.exec(title) ?? TITLE_PERIOD.exec(head.slice(0, 1500));
  if (titled) {
    const [from, to] = [titled[1] ?? '', titled[2] ?? ''];
    const inHead = TITLE_PERIOD.exec(head);
    return {
      period: { text: `${from}—${to}年`, from: `${from}-01-01`, to: `${to}-12-31` },
      line: inHead ? lineAround(head, inHead.index) : title,
    };
  }
  const until = VALID_UNTIL.exec(head);
  if (until)
    return { period: { text: cleanText(until[0]), ...optional('to', isoDate(until[1] ?? '')) }, line: lineAround(head, until.index) };
  const effective = EFFECTIVE.exec(head);
  const validFor = VALID_FOR.exec(head);
  if (effective || validFor) {
    const from = isoDate(effective?.[1] ?? '') ?? isoDate(issuedOn ?? '');
    const years = validFor ? Number(validFor[1]) || CHINESE_DIGITS[validFor[1] ?? ''] || 0 : 0;
    const to = from && years > 0 ? endAfterYears(from, years) : undefined;
    const words = [effective?.[0], validFor?.[0]].filter(Boolean).join('，');
    const at = (effective ?? validFor)?.index ?? 0;
    return { period: { text: cleanText(words), ...optional('from', from), ...optional('to', to) }, line: lineAround(head, at) };
  }
  const yearEnd = UNTIL_YEAR_END.exec(head);
  if (yearEnd) return { period: { text: `到${yearEnd[1]}年底`, to: `${yearEnd[1]}-12-31` }, line: lineAround(head, yearEnd.index) };
  return undefined;
}

function endAfterYears(from: string, years: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The issuing body: the signature line above the date, the 「X文件」 header, or the portal's 发布机构. */
function issuerOf(
  head: string,
  fields: Map<string, string>,
): { issuer?: string; issuedOn?: string; issuerLine?: string; dateLine?: string } {
  const signature = SIGNATURE.exec(head);
  const headerLine = head
    .split('\n')
    .map((line) => line.trim())
    .find((line) => HEADER_ISSUER.test(line));
  const header = headerLine ? HEADER_ISSUER.exec(headerLine)?.[1] : undefined;
  const signatureIssuer = signature?.[1]?.replace(/^.*[，。,:：]/, '');
  const issuer = header ?? signatureIssuer ?? fields.get('发布机构');
  const issuerLine = header
    ? headerLine
    : signature
      ? cleanText(signature[0].replace(/\s+/g, ' '))
      : fields.get('发布机构')
        ? `发布机构：${fields.get('发布机构')}`
        : undefined;
  const written = signature?.[2] ?? fields.get('成文日期');
  return {
    ...(issuer ? { issuer } : {}),
    ...(written ? { issuedOn: written.replace(/\s+/g, '') } : {}),
    ...(issuerLine ? { issuerLine } : {}),
    ...(signature ? { dateLine: cleanText(signature[0].replace(/\s+/g, ' ')) } : written ? { dateLine: `成文日期：${written}` } : {}),
  };
}

/**
 * Reads a document's facts from its front matter and title: 文号, issuing body, its own date (not
 * a portal's 生成日期), period of validity, draft and trial marks, and whether it is an official
 * document at all (news and articles have none of these).
 */
export function extractDocumentFacts(text: string, title: string, fields: Map<string, string>, plain: boolean): DocumentFacts {
  const head = text.slice(0, HEAD_CHARS);
  const lines: Record<string, string> = { title };
  const docNumber = plain ? undefined : docNumberOf(head, fields);
  const signed = plain ? {} : issuerOf(head, fields);
  const draftMatch = DRAFT.exec(`${title}\n${head.slice(0, 400)}`);
  const official =
    !plain &&
    Boolean(
      docNumber || signed.issuer || draftMatch || TITLE_PERIOD.test(title) || /(方案|计划|办法|意见|规定|通知|细则|政策|措施)/.test(title),
    );
  const facts: DocumentFacts = { title, kind: official ? 'official' : 'article', lines };
  if (docNumber) ((facts.docNumber = docNumber.value), (lines.docNumber = docNumber.line));
  if (signed.issuer) ((facts.issuer = signed.issuer), (lines.issuer = signed.issuerLine ?? signed.issuer));
  if (signed.issuedOn) ((facts.issuedOn = signed.issuedOn), (lines.issuedOn = signed.dateLine ?? signed.issuedOn));
  const published = fields.get('生成日期') ?? fields.get('发布日期');
  if (published)
    ((facts.publishedOn = published), (lines.publishedOn = `${fields.has('生成日期') ? '生成日期' : '发布日期'}：${published}`));
  if (official) {
    const period = periodOf(title, head, facts.issuedOn);
    if (period) ((facts.period = period.period), (lines.period = period.line));
    if (draftMatch) ((facts.draft = draftMatch[0]), (lines.draft = lineAround(`${title}\n${head.slice(0, 400)}`, draftMatch.index)));
    if (TRIAL.test(title)) facts.trial = true;
  }
  return facts;
}
