import { html } from './html.js';
import { htmlReply } from './http.js';
import { formatTime, page } from './layout.js';
import type { Route } from './route-context.js';

/** GET /console/audit: every admin action, from chat or from the console, newest first. */
export const auditPage: Route = async ({ deps, frame }) => {
  const entries = await deps.stores.audit.recent(300);
  const body = html`<div class="panel"><table id="audit" class="list"><thead><tr><th>时间</th><th>管理员</th><th>来源</th><th>操作</th><th>参数</th><th>结果</th><th>说明</th></tr></thead><tbody>
${entries.map(
  (
    entry,
  ) => html`<tr><td data-label="时间" class="nowrap">${formatTime(entry.time)}</td><td data-label="管理员">${entry.actor}</td><td data-label="来源">${entry.chatId === 'console' ? '控制台' : html`飞书 <span class="muted">${entry.chatId}</span>`}</td>
<td data-label="操作">${entry.action}</td><td data-label="参数" class="q">${entry.args}</td><td data-label="结果"><span class="tag ${entry.result === 'ok' ? 'ok' : 'bad'}">${entry.result === 'ok' ? '成功' : '失败'}</span></td><td data-label="说明" class="q muted">${entry.detail ?? ''}</td></tr>`,
)}</tbody></table></div>`;
  return htmlReply(page('审计', frame, body));
};
