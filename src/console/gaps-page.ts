import { groupBySimilarity } from './content-gaps.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply } from './http.js';
import { isRefusal } from './question-stats.js';
import { formatTime, page } from './layout.js';
import type { QuestionEntry } from '../lark/index.js';
import type { Route } from './route-context.js';

const DAYS = 90;
const MAX_QUESTIONS = 500;

/** A group's distinct wordings, most asked first, each with how often, when last, and a link to inspect it. */
function wordings(items: readonly QuestionEntry[]): SafeHtml {
  const byText = new Map<string, { count: number; last: string; down: number }>();
  for (const item of items) {
    const seen = byText.get(item.question) ?? { count: 0, last: item.time, down: 0 };
    byText.set(item.question, { count: seen.count + 1, last: seen.last > item.time ? seen.last : item.time, down: seen.down + item.down });
  }
  const sorted = [...byText].sort((a, b) => b[1].count - a[1].count);
  return html`<table class="list"><thead><tr><th>问法</th><th>次数</th><th>👎</th><th>最近</th></tr></thead><tbody>${sorted.map(
    ([text, info]) =>
      html`<tr><td data-label="问法" class="q"><a href="/console/inspect?q=${encodeURIComponent(text)}">${text}</a></td><td data-label="次数">${info.count}</td><td data-label="👎">${info.down}</td><td data-label="最近" class="nowrap">${formatTime(info.last)}</td></tr>`,
  )}</tbody></table>`;
}

/** GET /console/gaps: refused and 👎 questions of the last 90 days grouped by similar wording. */
export const gapsPage: Route = async ({ deps, now, frame }) => {
  const entries = (await deps.stores.questions.list(new Date(now - DAYS * 86_400_000).toISOString()))
    .filter((entry) => isRefusal(entry) || entry.down > 0)
    .slice(0, MAX_QUESTIONS);
  const vectors =
    deps.embed && entries.length > 0
      ? await deps.embed(entries.map((entry) => entry.question))
      : entries.map((_, index) => Float32Array.of(index + 1, 0));
  const groups = deps.embed
    ? groupBySimilarity(entries, vectors, (entry) => entry.question, 0.82)
    : entries.map((entry) => ({ items: [entry], label: entry.question }));
  const body = html`<p class="muted">近 ${DAYS} 天未回答或被点 👎 的问题，按问法相似度分组：组越大，越值得补充相应的文档。</p>
${groups.length === 0 ? html`<div class="panel"><p>没有未回答或 👎 的问题。</p></div>` : ''}
${groups.map((group) => html`<div class="panel gap"><h2>${group.label} <span class="tag">${group.items.length} 个问题</span></h2>${wordings(group.items)}</div>`)}`;
  return htmlReply(page('内容缺口', frame, body));
};
