import { DEFAULT_THRESHOLDS, termCoverage, type AskResult } from '../answer/index.js';
import { keyTerms, type RetrievedPassage } from '../retrieve/index.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply } from './http.js';
import { page } from './layout.js';
import type { Route } from './route-context.js';

/** AskResult fields this page renders by name; anything else the answer layer adds is shown generically. */
const KNOWN = new Set(['id', 'question', 'query', 'answerable', 'answer', 'citations', 'passages', 'mode', 'model', 'notes', 'timings']);
const PASSAGES = 10;

const score = (value: number): string => value.toFixed(3);

function retrievedTable(passages: readonly RetrievedPassage[], evidence: ReadonlySet<string>, scored: boolean): SafeHtml {
  if (!scored)
    return html`<p class="muted">这个部署（INDEX_STORE=postgres）不在进程内打分：分阶段得分不可用，见下面选用的证据及其得分。</p>`;
  if (passages.length === 0) return html`<p class="muted">没有检索到片段。</p>`;
  return html`<table id="passages" class="list"><thead><tr><th>#</th><th>文档 · 章节</th><th>词法</th><th>向量</th><th>融合</th><th>证据</th><th>片段</th></tr></thead><tbody>
${passages.map(
  (
    passage,
    index,
  ) => html`<tr><td data-label="#">${index + 1}</td><td data-label="文档" class="q">《${passage.chunk.title}》<br><span class="muted">${passage.chunk.sectionPath.join(' › ')}</span></td>
<td data-label="词法">${score(passage.lexical)}</td><td data-label="向量">${score(passage.dense)}</td><td data-label="融合"><b>${score(passage.score)}</b></td>
<td data-label="证据">${evidence.has(`${passage.chunk.source}|${passage.chunk.text.slice(0, 40)}`) ? html`<span class="tag ok">选用</span>` : ''}</td><td data-label="片段" class="q">${passage.chunk.text.slice(0, 160)}</td></tr>`,
)}</tbody></table>`;
}

/** The evidence the answerability gate weighs, measured on the retrieved passages: key-term coverage and dense similarity. */
function gateEvidence(question: string, retrieved: readonly RetrievedPassage[]): SafeHtml {
  if (retrieved.length === 0) return html``;
  const terms = keyTerms(question);
  const top = retrieved.slice(0, DEFAULT_THRESHOLDS.depth);
  const coverage = Math.max(
    0,
    ...top.map((passage) =>
      termCoverage(terms, `${passage.chunk.title}${passage.chunk.sectionPath.join('')}${passage.chunk.text}`.replace(/\s+/g, '')),
    ),
  );
  const dense = Math.max(0, ...top.map((passage) => passage.dense));
  return html`<table id="gate"><tr><th>关键词</th><td>${terms.join('、') || '—'}</td></tr>
<tr><th>前 ${top.length} 段的最高关键词覆盖率</th><td>${coverage.toFixed(2)}（默认门槛 ${DEFAULT_THRESHOLDS.minCoverage}）</td></tr>
<tr><th>最高向量相似度</th><td>${dense.toFixed(3)}（强相关 ${DEFAULT_THRESHOLDS.strongDense}，最低 ${DEFAULT_THRESHOLDS.minDense}）</td></tr></table>`;
}

function extraFields(result: AskResult): SafeHtml {
  const extra = Object.entries(result).filter(([key]) => !KNOWN.has(key));
  if (extra.length === 0) return html``;
  return html`<div class="panel" id="extra"><h2>其他字段</h2>${extra.map(([key, value]) => html`<h3>${key}</h3><pre>${JSON.stringify(value, null, 2)}</pre>`)}</div>`;
}

function report(result: AskResult, retrieved: readonly RetrievedPassage[], scored: boolean): SafeHtml {
  const evidence = new Set(result.passages.map((passage) => `${passage.source}|${passage.text.slice(0, 40)}`));
  return html`<div class="panel" id="reading"><h2>问题的理解</h2><table><tr><th>原问题</th><td class="q">${result.question}</td></tr><tr><th>检索用语</th><td class="q">${result.query}</td></tr>
<tr><th>模式</th><td>${result.mode}${result.model ? ` · ${result.model}` : ''}</td></tr><tr><th>耗时</th><td>检索 ${result.timings.retrieveMs} ms，共 ${result.timings.totalMs} ms</td></tr></table></div>
<div class="panel"><h2>排名靠前的片段（词法、向量与融合得分）</h2>${retrievedTable(retrieved, evidence, scored)}</div>
<div class="panel" id="evidence"><h2>选用的证据</h2>${
    result.passages.length === 0
      ? html`<p class="muted">没有选用证据。</p>`
      : html`<ol>${result.passages.map((passage) => html`<li>《${passage.title}》${passage.section} <span class="muted">得分 ${score(passage.score)}</span><pre>${passage.text}</pre></li>`)}</ol>`
  }</div>
<div class="panel" id="verdict"><h2>为什么${result.answerable ? '回答' : '拒答'}</h2><p><span class="tag ${result.answerable ? 'ok' : 'bad'}" id="answerable">${result.answerable ? '已回答' : '未回答'}</span></p>
${result.notes.length > 0 ? html`<ul>${result.notes.map((note) => html`<li>${note}</li>`)}</ul>` : ''}${gateEvidence(result.query, retrieved)}</div>
<div class="panel" id="answer"><h2>最终回答</h2><pre>${result.answer}</pre><h2>引用</h2>${
    result.citations.length === 0
      ? html`<p class="muted">没有引用。</p>`
      : html`<ol>${result.citations.map((citation) => html`<li>《${citation.title}》${citation.section}<pre>${citation.quote}</pre></li>`)}</ol>`
  }</div>${extraFields(result)}`;
}

/** GET /console/inspect?q=… (or ?id= a recorded question): how the bot would answer it now, step by step. */
export const inspectorPage: Route = async ({ deps, url, frame }) => {
  const id = url.searchParams.get('id');
  const recorded = id ? (await deps.stores.questions.list()).find((entry) => entry.id === id) : undefined;
  const question = (url.searchParams.get('q') ?? recorded?.question ?? '').trim().slice(0, 500);
  const form = html`<div class="panel"><form class="filters" method="get" action="/console/inspect" id="inspect-form"><label style="flex:1">问题<input type="text" name="q" value="${question}" style="width:100%" placeholder="输入一个问题，看机器人现在会怎么回答"></label><button class="primary" type="submit">检查</button></form></div>`;
  if (!question) return htmlReply(page('检查器', frame, form));
  const [result, retrieved] = await Promise.all([
    deps.answers.ask({ question }),
    deps.retrieve ? deps.retrieve(question, PASSAGES) : Promise.resolve([]),
  ]);
  const before = recorded
    ? html`<p class="muted">记录于会话 ${recorded.chatId}：当时${recorded.answerable ? '已回答' : '未回答'}（${recorded.mode}）。下面是现在的回答。</p>`
    : '';
  return htmlReply(page('检查器', frame, html`${form}${before}${report(result, retrieved, deps.retrieve !== undefined)}`));
};
