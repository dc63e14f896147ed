import { STATUS_LABELS, documentStatus, type Block, type ParsedDocument, type TableReport } from '../ingest/index.js';

/** What `cli inspect` shows of one parsed document: its facts, its section tree and its table records. */
export interface InspectReport {
  source: string;
  title: string;
  docNumber: string | undefined;
  issuer: string | undefined;
  issuedOn: string | undefined;
  period: string | undefined;
  status: string | undefined;
  /** Section paths in document order, each once, with how many paragraphs and records it holds. */
  sections: Array<{ path: string[]; paragraphs: number; records: number }>;
  /** Table rows and people: `header=value` pairs, with the section they belong to. */
  records: Array<{ section: string[]; fields: Array<[string, string]> }>;
  /** Each table: rebuilt from merged cells or read as is, and how many rows would not line up. */
  tables: TableReport[];
  chunks: number;
}

const PAGE = /^第\d+页$/;

/** The section path without the 第N页 a PDF block opens with (the tree is about structure, not pages). */
function structuralPath(block: Block): string[] {
  return block.sectionPath.filter((part, index) => !(index === 0 && PAGE.test(part)));
}

/** Reads a parsed document for people: its facts and status on `today`, section tree, records and tables. */
export function inspectReport(parsed: ParsedDocument, chunks: number, today: Date): InspectReport {
  const { facts } = parsed;
  const sections = new Map<string, { path: string[]; paragraphs: number; records: number }>();
  const records: InspectReport['records'] = [];
  for (const block of parsed.blocks) {
    const path = structuralPath(block);
    // every heading above the block is in the tree too, in document order (a 一、 holding only （一）s)
    for (let depth = 1; depth < path.length; depth += 1) {
      const prefix = path.slice(0, depth);
      const prefixKey = prefix.join('\u0000');
      if (!sections.has(prefixKey)) sections.set(prefixKey, { path: prefix, paragraphs: 0, records: 0 });
    }
    const key = path.join('\u0000');
    const entry = sections.get(key) ?? { path, paragraphs: 0, records: 0 };
    sections.set(key, entry);
    if (block.kind === 'table-row' || block.kind === 'person') {
      entry.records += 1;
      records.push({ section: path, fields: block.fields ?? [] });
    } else if (block.kind === 'paragraph') entry.paragraphs += 1;
  }
  return {
    source: parsed.source,
    title: parsed.meta.title,
    docNumber: facts.docNumber ?? parsed.meta.docNumber,
    issuer: facts.issuer ?? parsed.meta.issuer,
    issuedOn: facts.issuedOn ?? parsed.meta.date,
    period: facts.period?.text,
    status: facts.kind === 'official' ? STATUS_LABELS[documentStatus(facts, today)] : '文章（非正式文件）',
    sections: [...sections.values()].filter((section) => section.path.length > 0),
    records,
    tables: parsed.tables,
    chunks,
  };
}

const UNKNOWN = '（未识别）';
const MAX_RECORDS = 40;

/** The report as people read it: facts, an indented section tree, then the table records. */
export function formatInspect(report: InspectReport, all = false): string {
  const lines = [
    `文件：${report.source}`,
    `标题：${report.title || UNKNOWN}`,
    `文号：${report.docNumber ?? UNKNOWN}`,
    `发文机关：${report.issuer ?? UNKNOWN}`,
    `成文日期：${report.issuedOn ?? UNKNOWN}`,
    `有效期：${report.period ?? UNKNOWN}`,
    `状态：${report.status ?? UNKNOWN}`,
    `片段：${report.chunks} 个`,
    '',
    `章节（${report.sections.length}）：`,
  ];
  for (const section of report.sections) {
    const counts = [section.paragraphs ? `${section.paragraphs} 段` : '', section.records ? `${section.records} 条记录` : '']
      .filter((part) => part !== '')
      .join('，');
    lines.push(`${'  '.repeat(section.path.length - 1)}  ${section.path.at(-1) ?? ''}${counts ? `（${counts}）` : ''}`);
  }
  lines.push('', `表格记录（${report.records.length}）：`);
  const shown = all ? report.records : report.records.slice(0, MAX_RECORDS);
  for (const record of shown)
    lines.push(`  [${record.section.at(-1) ?? ''}] ${record.fields.map(([header, value]) => `${header}=${value}`).join('，')}`);
  if (shown.length < report.records.length) lines.push(`  …… 另有 ${report.records.length - shown.length} 条（--json 列出全部）`);
  if (report.tables.length > 0) lines.push('', `表格（${report.tables.length}）：`);
  for (const table of report.tables) {
    const broken = table.broken > 0 ? `，${table.broken} 行未能对齐（仅供检索，不作为答案引用，建议更换原件）` : '';
    lines.push(`  ${table.caption}：${table.rows} 行，${table.rebuilt ? '已还原合并单元格' : '按原样读取'}${broken}`);
  }
  return `${lines.join('\n')}\n`;
}
