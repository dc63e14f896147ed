import { cleanText } from '../text/index.js';
import { headingOf, stripBullet, type Heading } from './headings.js';
import { breakInlineHeadings, isPageFooter, isRuleLine, sentenceSpans, splitLines, type Line } from './lines.js';
import { extractDocumentFacts } from './document-facts.js';
import { describeDocument, extractMeta } from './metadata.js';
import { withPages } from './pages.js';
import { parsePersonLine, roleContinues, type PersonLine } from './people.js';
import { isTableLine, parseTabTable, pipePairs, rowFields, type ParsedTable } from './tables.js';
import type { Block, ParsedDocument, SourceText, Span, TableReport } from './types.js';

interface PathEntry {
  level: number;
  label: string;
}

const TERMINAL = /[。！？；!?;：:”’」』）)]$/;
const CAPTION_MAX = 40;
// A line this long that stops mid-sentence was wrapped by a page break, not ended.
const WRAPPED_LINE = 30;
const WRAPPED_PROSE = 20;

/** A line cut by a page break: long, or mid-sentence prose (titles rarely carry commas). */
function wrapped(line: string): boolean {
  return line.length >= WRAPPED_LINE || (line.length >= WRAPPED_PROSE && /[，,、]/.test(line));
}

/** Mutable state of one pass over a document's lines. */
class DocumentBuilder {
  readonly blocks: Block[] = [];
  readonly tables: TableReport[] = [];
  private path: PathEntry[] = [];
  private paragraph: Line[] = [];
  private person: { line: Line; value: PersonLine; group?: string | undefined } | undefined;
  private personGroup: string | undefined;

  sectionPath(): string[] {
    return this.path.map((entry) => entry.label);
  }

  inAttachment(): boolean {
    return this.path[0]?.level === 0;
  }

  openHeading(heading: Heading): void {
    this.flush();
    this.personGroup = undefined;
    this.path = heading.level === 0 ? [] : this.path.filter((entry) => entry.level < heading.level);
    this.path.push({ level: heading.level, label: heading.label });
  }

  /** Inside "附件：1.… 2.…", the numbered lines list attachments rather than open sections. */
  inAttachmentList(): boolean {
    return this.paragraph.length > 0 && /^附件[:：]/.test(this.paragraphText());
  }

  /** A short line right under 附件N names the table or list that follows. */
  openCaption(label: string): void {
    this.flush();
    this.path = this.path.filter((entry) => entry.level <= 0);
    this.path.push({ level: 0.5, label });
  }

  wantsCaption(text: string): boolean {
    const top = this.path[this.path.length - 1];
    return top?.level === 0 && this.paragraph.length === 0 && text.length <= CAPTION_MAX && !/[。，,；]/.test(text);
  }

  addText(line: Line): void {
    this.flushPerson();
    const last = this.paragraph[this.paragraph.length - 1];
    const text = this.paragraphText();
    const continues = last !== undefined && ((!TERMINAL.test(text) && wrapped(cleanText(last.text))) || this.inAttachmentList());
    if (!continues) this.flush();
    this.paragraph.push(line);
  }

  /** A lone short line just before a table is its caption rather than a paragraph. */
  takeCaption(): string | undefined {
    if (this.paragraph.length !== 1) return undefined;
    const text = this.paragraphText();
    if (text.length > CAPTION_MAX || /[。，,；]/.test(text)) return undefined;
    this.paragraph = [];
    return text;
  }

  addTableRows(table: ParsedTable, caption?: string): void {
    const { header, rows, broken = [] } = table;
    this.flush();
    if (caption) this.openCaption(caption);
    const sectionPath = this.sectionPath();
    this.tables.push({ caption: sectionPath.at(-1) ?? '', rows: rows.length, rebuilt: table.rebuilt === true, broken: broken.length });
    for (const row of broken) {
      const text = row.cells
        .map((cell) => cleanText(cell))
        .filter((cell) => cell !== '')
        .join(' ');
      if (text !== '') this.blocks.push({ kind: 'table-text', sectionPath, spans: [{ text, start: row.start, end: row.end }] });
    }
    for (const row of rows) {
      const fields = rowFields(header, row.cells);
      if (fields.length === 0) continue;
      const text = fields.map(([key, value]) => `${key}=${value}`).join('，');
      this.blocks.push({ kind: 'table-row', sectionPath, spans: [{ text, start: row.start, end: row.end }], fields });
    }
  }

  addPerson(line: Line, value: PersonLine): void {
    this.flush();
    this.flushPerson();
    // Leadership lists run 组长, 副组长, 成员. Conversion drops a 副组长 label that stood on its own
    // line, so the unlabelled names between the 组长 and the 成员 label are the 副组长.
    if (value.group) this.personGroup = value.group === '成员' ? '成员' : value.group === '组长' ? '副组长' : undefined;
    this.person = { line, value, group: value.group ?? this.personGroup };
  }

  continuePerson(line: Line): boolean {
    if (!this.person || !roleContinues(this.person.value.role)) return false;
    this.person.value.role += cleanText(line.text);
    this.person.line = { ...this.person.line, end: line.end };
    return true;
  }

  flushPerson(): void {
    if (!this.person) return;
    const { line, value, group } = this.person;
    const list = this.sectionPath()[this.sectionPath().length - 1] ?? '';
    const fields: Array<[string, string]> = [
      ['姓名', value.name],
      ['职务', value.role],
    ];
    if (group) fields.push(['分工', group]);
    const membership = group ? `（${list}${group}）` : list ? `（${list}）` : '';
    this.blocks.push({
      kind: 'person',
      sectionPath: this.sectionPath(),
      spans: [{ text: `${value.name}，${value.role}${membership}`, start: line.start, end: line.end }],
      fields,
    });
    this.person = undefined;
  }

  flush(): void {
    this.flushPerson();
    if (this.paragraph.length === 0) return;
    const spans: Span[] = [];
    for (const line of this.paragraph) {
      for (const sentence of sentenceSpans(line)) {
        const text = cleanText(stripBullet(sentence.text));
        if (text !== '') spans.push({ text, start: sentence.start, end: sentence.end });
      }
    }
    if (spans.length > 0) this.blocks.push({ kind: 'paragraph', sectionPath: this.sectionPath(), spans });
    this.paragraph = [];
  }

  private paragraphText(): string {
    return cleanText(this.paragraph.map((line) => stripBullet(line.text)).join(''));
  }
}

/**
 * Turns a government document (or any text) into titled, sectioned blocks: headings
 * 一、/（一）/1./（1）/附件N, tab tables as header=value records, leadership lists as people.
 */
export function parseDocument(input: SourceText): ParsedDocument {
  const text = input.text.replace(/\r\n?/g, '\n');
  const lines = breakInlineHeadings(splitLines(text));
  const fields = new Map<string, string>();
  const builder = new DocumentBuilder();
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (!line) continue;
    const trimmed = line.text.trim();
    if (trimmed === '' || isPageFooter(trimmed) || isRuleLine(trimmed)) {
      continue;
    }
    const table = !input.plain && isTableLine(line) ? parseTabTable(lines, index) : undefined;
    if (table && table.next > index) {
      builder.addTableRows(table, builder.takeCaption());
      index = table.next - 1;
      continue;
    }
    if (!input.plain && trimmed.includes(' | ')) {
      for (const [key, value] of pipePairs(trimmed)) if (value) fields.set(key, value);
      continue;
    }
    const heading = input.plain ? null : headingOf(trimmed);
    if (heading && !(heading.level === 3 && builder.inAttachmentList())) {
      builder.openHeading(heading);
      if (heading.hasBody) builder.addText(line);
    } else if (!input.plain && builder.inAttachment() && parsePersonLine(line.text)) {
      builder.addPerson(line, parsePersonLine(line.text) as PersonLine);
    } else if (builder.inAttachment() && builder.continuePerson(line)) {
      // wrapped role, already appended
    } else if (!input.plain && builder.wantsCaption(cleanText(trimmed))) {
      builder.openCaption(cleanText(trimmed));
    } else {
      builder.addText(line);
    }
  }
  builder.flush();
  const meta = extractMeta(text, fields, input.title ?? input.source);
  if (input.title) meta.title = input.title;
  if (input.date) meta.date = input.date;
  if (input.url) meta.url = input.url;
  if (input.date && !fields.has('生成日期') && !fields.has('发布日期')) fields.set('发布日期', input.date);
  const facts = extractDocumentFacts(text, meta.title, fields, input.plain === true);
  // The 文件信息 record says what the facts say: the 文号 in its official form, the document's own date.
  if (facts.docNumber) meta.docNumber = facts.docNumber;
  const info = input.plain
    ? undefined
    : describeDocument({ ...meta, ...(facts.issuer ? { issuer: facts.issuer } : {}), ...(facts.issuedOn ? { date: facts.issuedOn } : {}) });
  const body = input.pageStarts ? withPages(builder.blocks, input.pageStarts) : builder.blocks;
  const blocks = info
    ? [{ kind: 'document-info' as const, sectionPath: ['文件信息'], spans: [{ text: info, start: 0, end: 0 }] }, ...body]
    : body;

  return { source: input.source, meta, facts, blocks, tables: builder.tables, ...(input.plain ? { plain: true } : {}) };
}
