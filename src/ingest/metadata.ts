import { cleanText } from '../text/index.js';
import type { DocumentMeta } from './types.js';

const DOC_NUMBER = /[\u4e00-\u9fa5]{2,10}\s*[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d{1,4}\s*号/;
const NOTICE_TITLE = /关于印发\s*《?([^《》\n]{4,80}?)》?\s*的通知/;
const QUOTED_PLAN = /《([^《》\n]{4,80})》\s*(?:已经|现印发|印发给你们)/;
const NOW_ISSUING = /现将《([^《》\n]{4,80})》印发/;
const ISSUER_AND_DATE =
  /([\u4e00-\u9fa5]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会))\s*(\d{4}年\d{1,2}月\d{1,2}日)/;
const HEADER_ISSUER = /^([\u4e00-\u9fa5]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公厅|局))文件$/;
const DATE_LINE = /^(\d{4}年\d{1,2}月\d{1,2}日)/;
const HEAD_CHARS = 4000;

/** Titles in Chinese documents carry PDF spaces everywhere; Latin titles keep theirs. */
function tidyTitle(title: string): string {
  const han = (title.match(/[\u4e00-\u9fa5]/g) ?? []).length;
  return han * 2 > title.replace(/\s/g, '').length ? title.replace(/\s+/g, '') : cleanText(title);
}

function isFrontMatter(line: string): boolean {
  return (
    line.length < 4 ||
    line.length > 80 ||
    DOC_NUMBER.test(line) ||
    line.includes('|') ||
    /文件$/.test(line) ||
    /^[（(].*[)）]$/.test(line) ||
    DATE_LINE.test(line) ||
    /^(索引号|发布机构|生成日期|文号)/.test(line)
  );
}

/**
 * Reads title, 文号, issuing body and date from the head of a government document.
 * The title is the plan being issued (关于印发《X》的通知 → X), not the notice or the file name.
 */
export function extractMeta(text: string, fields: Map<string, string>, fallbackTitle: string): DocumentMeta {
  const head = text.slice(0, HEAD_CHARS);
  const titleMatch = NOTICE_TITLE.exec(head) ?? QUOTED_PLAN.exec(head) ?? NOW_ISSUING.exec(head);
  const firstLine = head
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !isFrontMatter(line));
  const title = tidyTitle(titleMatch?.[1] ?? firstLine ?? fallbackTitle);
  const meta: DocumentMeta = { title };
  const docNumber = fields.get('文号') ?? DOC_NUMBER.exec(head)?.[0];
  if (docNumber) meta.docNumber = docNumber.replace(/\s+/g, '');
  const issuerDate = ISSUER_AND_DATE.exec(text);
  const headerIssuer = head
    .split('\n')
    .map((line) => HEADER_ISSUER.exec(line.trim())?.[1])
    .find((issuer) => issuer !== undefined);
  const issuer = fields.get('发布机构') ?? headerIssuer ?? issuerDate?.[1];
  if (issuer) meta.issuer = issuer;
  const date = fields.get('生成日期') ?? fields.get('发布日期') ?? fields.get('成文日期') ?? issuerDate?.[2];
  if (date) meta.date = date;
  return meta;
}

/** The 文件信息 line a reader sees for "温鹿政办〔2025〕21号是什么文件？". */
export function describeDocument(meta: DocumentMeta): string | undefined {
  const parts = [
    meta.docNumber && `文号：${meta.docNumber}`,
    meta.issuer && `发布机构：${meta.issuer}`,
    meta.date && `日期：${meta.date}`,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? `《${meta.title}》，${parts.join('，')}` : undefined;
}
