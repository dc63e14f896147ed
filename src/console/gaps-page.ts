import { groupBySimilarity } from './content-gaps.js';
import { html } from './html.js';
import { htmlReply } from './http.js';
import { page } from './layout.js';
import { questionRows } from './questions-page.js';
import type { Route } from './route-context.js';

const DAYS = 90;
const MAX_QUESTIONS = 500;

/** GET /console/gaps: refused and 👎 questions of the last 90 days grouped by similar wording. */
export const gapsPage: Route = async ({ deps, now, frame }) => {
  const entries = (await deps.stores.questions.list(new Date(now - DAYS * 86_400_000).toISOString()))
    .filter((entry) => (!entry.answerable && entry.mode !== 'failed') || entry.down > 0)
    .slice(0, MAX_QUESTIONS);
  const vectors = deps.embed && entries.length > 0 ? await deps.embed(entries.map((entry) => entry.question)) : entries.map((_, index) => Float32Array.of(index + 1, 0));
  const groups = deps.embed ? groupBySimilarity(entries, vectors, (entry) => entry.question, 0.82) : entries.map((entry) => ({ items: [entry], label: entry.question }));
  const body = html`<p class="muted">近 ${DAYS} 天未回答或被点 👎 的问题，按问法相似度分组：组越大，越值得补充相应的文档。</p>
${groups.length === 0 ? html`<div class="panel"><p>没有未回答或 👎 的问题。</p></div>` : ''}
${groups.map((group) => html`<div class="panel gap"><h2>${group.label} <span class="tag">${group.items.length} 个问题</span></h2>${questionRows(group.items)}</div>`)}`;
  return htmlReply(page('内容缺口', frame, body));
};
