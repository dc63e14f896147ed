import { readFile } from 'node:fs/promises';
import { pathInside } from '../admin/index.js';
import { loadDocument, parseDocument, type Block, type ParsedDocument } from '../ingest/index.js';
import { friendlyMessage } from '../lark/index.js';
import { ConsoleError } from './errors.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply } from './http.js';
import { page } from './layout.js';
import type { Route } from './route-context.js';

const MAX_BLOCKS = 2_000;

/** A section of the parsed tree: its own blocks and its subsections, in document order. */
interface Section {
  title: string;
  blocks: Block[];
  children: Section[];
}

/** The section tree of a parsed document, from each block's section path. */
function sectionTree(document: ParsedDocument): Section {
  const root: Section = { title: document.meta.title, blocks: [], children: [] };
  for (const block of document.blocks.slice(0, MAX_BLOCKS)) {
    let node = root;
    for (const title of block.sectionPath) {
      let child = node.children.find((candidate) => candidate.title === title);
      if (!child) {
        child = { title, blocks: [], children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.blocks.push(block);
  }
  return root;
}

/** Table rows and people of a section as one table per column set. */
function records(blocks: readonly Block[]): SafeHtml {
  const rows = blocks.filter((block) => block.fields && block.fields.length > 0);
  if (rows.length === 0) return html``;
  const columns = [...new Set(rows.flatMap((block) => (block.fields ?? []).map(([name]) => name)))];
  return html`<table class="records"><thead><tr>${columns.map((column) => html`<th>${column}</th>`)}</tr></thead><tbody>${rows.map(
    (block) => {
      const values = new Map(block.fields ?? []);
      return html`<tr>${columns.map((column) => html`<td>${values.get(column) ?? ''}</td>`)}</tr>`;
    },
  )}</tbody></table>`;
}

function renderSection(section: Section, depth: number): SafeHtml {
  const paragraphs = section.blocks.filter((block) => !block.fields || block.fields.length === 0);
  return html`<li><b>${section.title}</b> <span class="muted">${section.blocks.length} 段</span>
${paragraphs.length > 0 ? html`<details><summary>正文</summary>${paragraphs.map((block) => html`<p>${block.spans.map((span) => span.text).join('')}</p>`)}</details>` : ''}
${records(section.blocks)}${section.children.length > 0 && depth < 8 ? html`<ul class="tree">${section.children.map((child) => renderSection(child, depth + 1))}</ul>` : ''}</li>`;
}

/** GET /console/document?name=…: what the parser made of a document (metadata, section tree, tables as records). */
export const documentPage: Route = async ({ deps, url, frame }) => {
  const name = url.searchParams.get('name') ?? '';
  let bytes: Buffer;
  try {
    bytes = await readFile(pathInside(deps.docsDir, name));
  } catch (error) {
    throw new ConsoleError('not-found', `no document ${name}`, { cause: error });
  }
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(await loadDocument(name, bytes));
  } catch (error) {
    return htmlReply(page(name, frame, html`<div class="panel"><p class="bad">无法解析：${friendlyMessage(error)}</p></div>`));
  }
  const { meta } = parsed;
  const body = html`<div class="panel" id="meta"><table><tr><th>文件</th><td>${name}</td></tr><tr><th>标题</th><td>${meta.title}</td></tr><tr><th>文号</th><td>${meta.docNumber ?? '—'}</td></tr>
<tr><th>发文机关</th><td>${meta.issuer ?? '—'}</td></tr><tr><th>日期</th><td>${meta.date ?? '—'}</td></tr><tr><th>结构</th><td>${parsed.blocks.length} 段${parsed.blocks.length > MAX_BLOCKS ? `（只显示前 ${MAX_BLOCKS} 段）` : ''}</td></tr></table></div>
<div class="panel" id="structure"><h2>章节结构</h2><ul class="tree">${renderSection(sectionTree(parsed), 0)}</ul></div>`;
  return htmlReply(page(meta.title || name, frame, body));
};
