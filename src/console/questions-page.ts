import type { QuestionEntry } from '../lark/index.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply, redirect } from './http.js';
import { csrfField, formatTime, page, type Frame } from './layout.js';
import { filterFromQuery, filterQuestions, questionsCsv, type QuestionFilter } from './question-stats.js';
import type { Route } from './route-context.js';

const PAGE_SIZE = 50;

/** The first line of an answer, for the list. */
function firstLine(text: string, max = 80): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function statusTag(entry: QuestionEntry): SafeHtml {
  if (entry.mode === 'failed') return html`<span class="tag warn">失败</span>`;
  return entry.answerable ? html`<span class="tag ok">已回答</span>` : html`<span class="tag bad">未回答</span>`;
}

/** Names of the chats among `entries`, where the platform knows them. */
async function chatNamesOf(
  chatName: ((chatId: string) => Promise<string | undefined>) | undefined,
  entries: readonly QuestionEntry[],
): Promise<ReadonlyMap<string, string>> {
  if (!chatName) return new Map();
  const ids = [...new Set(entries.map((entry) => entry.chatId))];
  const names = await Promise.all(ids.map(async (id) => [id, await chatName(id)] as const));
  return new Map(names.flatMap(([id, name]) => (name ? [[id, name] as const] : [])));
}

/** The questions table, chats by name where known. */
function questionRows(entries: readonly QuestionEntry[], names: ReadonlyMap<string, string> = new Map()): SafeHtml {
  return html`<table id="questions" class="list"><thead><tr><th>时间</th><th>会话</th><th>问题</th><th>回答首行</th><th>结果</th><th>模式</th><th>👍/👎</th><th>耗时</th></tr></thead><tbody>
${entries.map(
  (
    entry,
  ) => html`<tr data-id="${entry.id}" data-answerable="${entry.answerable ? '1' : '0'}"><td data-label="时间" class="nowrap">${formatTime(entry.time)}</td><td data-label="会话">${names.get(entry.chatId) ?? html`<span class="muted">${entry.chatId}</span>`}</td>
<td data-label="问题" class="q"><a href="/console/inspect?id=${encodeURIComponent(entry.id)}">${entry.question}</a></td><td data-label="回答首行" class="q">${firstLine(entry.answer)}</td>
<td data-label="结果">${statusTag(entry)}</td><td data-label="模式">${entry.mode}</td><td data-label="👍/👎" class="nowrap">${entry.up} / ${entry.down}</td><td data-label="耗时" class="nowrap">${entry.latencyMs < 1000 ? `${entry.latencyMs} ms` : `${(entry.latencyMs / 1000).toFixed(1)} s`}</td></tr>`,
)}</tbody></table>`;
}

function filterForm(filter: QuestionFilter, query: string): SafeHtml {
  return html`<form class="filters" method="get" action="/console/questions" id="filters">
<label class="check"><input type="checkbox" name="refused" value="1" ${filter.refused ? 'checked' : ''}>只看未回答</label>
<label class="check"><input type="checkbox" name="down" value="1" ${filter.down ? 'checked' : ''}>只看 👎</label>
<label>从<input type="date" name="from" value="${filter.from ?? ''}"></label><label>到<input type="date" name="to" value="${filter.to ?? ''}"></label>
<label>搜索<input type="search" name="q" value="${filter.text ?? ''}" placeholder="问题或回答中的文字"></label>
<button type="submit" class="primary">筛选</button><a class="button" href="/console/questions.csv${query}">导出 CSV</a></form>`;
}

function deleteChatForm(frame: Frame): SafeHtml {
  return html`<div class="panel"><h2>删除某个会话的记录</h2><form method="post" action="/console/chats/delete" class="filters">${csrfField(frame)}
<label>会话 ID<input type="text" name="chatId" required pattern="[A-Za-z0-9_\\-]+" placeholder="oc_…"></label><button class="danger" type="submit">删除该会话的问题和反馈</button></form></div>`;
}

/** Links to the previous and next page of the same filter. */
function pager(url: URL, pageNumber: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const at = (target: number): string => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(target));
    return `/console/questions?${query.toString()}`;
  };
  return html`<p class="pager">${pageNumber > 1 ? html`<a class="button" href="${at(pageNumber - 1)}">上一页</a> ` : ''}第 ${pageNumber} / ${pages} 页${pageNumber < pages ? html` <a class="button" href="${at(pageNumber + 1)}">下一页</a>` : ''}</p>`;
}

/** GET /console/questions: recent questions with filters, 50 a page. */
export const questionsPage: Route = async ({ deps, url, frame }) => {
  const filter = filterFromQuery(url.searchParams);
  const entries = filterQuestions(await deps.stores.questions.list(), filter);
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const shown = entries.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
  const deleted = url.searchParams.get('deleted');
  const csvQuery = new URLSearchParams(url.searchParams);
  csvQuery.delete('page');
  const body = html`${deleted !== null ? html`<p class="ok">已删除 ${deleted} 条记录。</p>` : ''}<div class="panel">${filterForm(filter, csvQuery.size > 0 ? `?${csvQuery.toString()}` : '')}</div>
<p class="muted" id="count">共 ${entries.length} 条</p>
<div class="panel">${questionRows(shown, await chatNamesOf(deps.chatName, shown))}</div>${pager(url, pageNumber, pages)}${deleteChatForm(frame)}`;
  return htmlReply(page('问题', frame, body));
};

/** GET /console/questions.csv: the filtered questions as CSV. */
export const questionsCsvRoute: Route = async ({ deps, url, audit }) => {
  const entries = filterQuestions(await deps.stores.questions.list(), filterFromQuery(url.searchParams));
  await audit('export questions', url.search, { ok: true, detail: `${entries.length} rows` });
  return {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="questions.csv"' },
    body: questionsCsv(entries),
  };
};

/** POST /console/chats/delete: forgets a chat's questions and votes. */
export const deleteChatRoute: Route = async ({ deps, form, audit }) => {
  const chatId = (form.get('chatId') ?? '').trim();
  if (!/^[\w-]{1,100}$/.test(chatId)) return redirect('/console/questions');
  const [questions, votes] = await Promise.all([deps.stores.questions.deleteChat(chatId), deps.stores.feedback.deleteChat(chatId)]);
  await audit('delete chat data', chatId, { ok: true, detail: `${questions} questions, ${votes} votes` });
  return redirect(`/console/questions?deleted=${questions + votes}`);
};
