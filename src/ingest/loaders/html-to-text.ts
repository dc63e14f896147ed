import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { headingOf } from '../headings.js';

/** Text the structure parser reads, and the page title to fall back on. */
interface HtmlText {
  text: string;
  title?: string;
}

const DROPPED = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select';
const MAIN = ['main', 'article', '[role="main"]', '#content', '.content', '#zoom', '.article', '.TRS_Editor'];
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'center',
  'address',
  'figure',
  'figcaption',
  'caption',
  'body',
  'tr',
]);
const HEADING = /^h([1-6])$/;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function inline(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

/** Collects the page as lines: blocks on their own lines, tables as tab-separated rows. */
class LineWriter {
  readonly lines: string[] = [];
  private current = '';

  append(text: string): void {
    this.current += text;
  }

  breakLine(): void {
    const line = this.current.trim();
    if (line !== '') this.lines.push(line);
    this.current = '';
  }

  /** Blank lines around a table keep its rows apart from the prose before and after. */
  table(rows: string[][]): void {
    this.breakLine();
    this.lines.push('');
    for (const row of rows) if (row.some((cell) => cell !== '')) this.lines.push(row.join('\t'));
    this.lines.push('');
  }
}

function tableRows($: CheerioAPI, table: Element): string[][] {
  return $(table)
    .find('tr')
    .filter((_, row) => $(row).closest('table').get(0) === table)
    .map((_, row) => {
      const cells: string[] = [];
      $(row)
        .children('td, th')
        .each((_, cell) => {
          cells.push(inline($(cell).text()).trim());
          const span = Number($(cell).attr('colspan') ?? 1);
          for (let extra = 1; extra < Math.min(span, 20); extra += 1) cells.push('');
        });
      return [cells];
    })
    .get();
}

/**
 * A heading line as the parser reads it: government numbering (一、/（一）/1.) stands alone,
 * other headings become markdown `#` lines; the first line of the page is left as the title.
 */
function headingLine(level: number, text: string, first: boolean): string {
  if (first || (headingOf(text) && (headingOf(text)?.level ?? 5) < 5)) return text;
  return `${'#'.repeat(level)} ${text}`;
}

function walk($: CheerioAPI, node: AnyNode, writer: LineWriter): void {
  if (node.type === 'text') {
    writer.append(inline(node.data));
    return;
  }
  if (node.type === 'root') {
    for (const child of node.children) walk($, child, writer);
    return;
  }
  if (!isElement(node)) return;
  const tag = node.tagName.toLowerCase();
  if (tag === 'br') return writer.breakLine();
  if (tag === 'table') return writer.table(tableRows($, node));
  const heading = HEADING.exec(tag);
  if (heading) {
    writer.breakLine();
    const text = inline($(node).text()).trim();
    if (text !== '') writer.lines.push(headingLine(Number(heading[1]), text, writer.lines.length === 0));
    return;
  }
  const block = BLOCKS.has(tag);
  if (block) writer.breakLine();
  for (const child of node.children) walk($, child, writer);
  if (block) writer.breakLine();
}

function pageTitle($: CheerioAPI): string | undefined {
  const title = inline($('title').first().text()).trim();
  // "政策名称 - 某某市人民政府门户网站": the site name after the separator is not the document's.
  const name = title.split(/\s+[-–—|_]\s+|_/)[0]?.trim();
  return name || undefined;
}

/**
 * Reads a web page (or DOCX converted to HTML) as lines for the structure parser: main content
 * only (no navigation, scripts, styles, footers), headings on their own lines, tables as
 * tab-separated rows. The `<title>` opens the text when the page has no `<h1>`.
 */
export function htmlToText(html: string): HtmlText {
  const $ = load(html);
  const title = pageTitle($);
  $(DROPPED).remove();
  const main = MAIN.map((selector) => $(selector).first()).find((found) => found.length > 0 && found.text().trim() !== '');
  const root = main?.get(0) ?? $('body').get(0) ?? $.root().get(0);
  const writer = new LineWriter();
  const hasH1 = (main ?? $('body')).find('h1').length > 0;
  if (!hasH1 && title) writer.lines.push(title);
  if (root) walk($, root, writer);
  writer.breakLine();
  const text = writer.lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, ...(title ? { title } : {}) };
}
