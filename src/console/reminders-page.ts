import { foldLog, nextOccurrence, whenText, type CalendarEntry } from '../reminders/index.js';
import { ConsoleError } from './errors.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply, redirect } from './http.js';
import { csrfField, formatTime, page, type Frame } from './layout.js';
import type { Route } from './route-context.js';

const STATUS: Record<CalendarEntry['status'], string> = { active: '生效', paused: '已暂停', removed: '已删除' };
const SEND_STATUS: Record<string, string> = { sent: '已发送', skipped: '已跳过', failed: '失败', pending: '进行中' };

function toggle(entry: CalendarEntry, frame: Frame): SafeHtml {
  if (entry.status === 'removed') return html``;
  const action = entry.status === 'paused' ? 'resume' : 'pause';
  return html`<form method="post" action="/console/reminders/${action}" class="inline">${csrfField(frame)}<input type="hidden" name="id" value="${entry.id}"><button type="submit" class="${action}">${action === 'pause' ? '暂停' : '恢复'}</button></form>`;
}

/** GET /console/reminders: calendar entries with their next occurrence, subscriptions, and the send log. */
export const remindersPage: Route = async ({ deps, now, frame }) => {
  const reminders = deps.reminders;
  if (!reminders) return htmlReply(page('提醒', frame, html`<div class="panel"><p class="muted">这个机器人没有启用政策提醒。</p></div>`));
  const { calendar, audience } = await reminders.service.snapshot();
  const ledger = [...foldLog(await reminders.sendLog()).values()]
    .sort((a, b) => (b.lastAttemptAt ?? b.scheduledAt) - (a.lastAttemptAt ?? a.scheduledAt))
    .slice(0, 100);
  const titles = new Map(calendar.entries.map((entry) => [entry.id, entry.title]));
  const body = html`<div class="panel"><h2>日历条目</h2><table id="calendar" class="list"><thead><tr><th>条目</th><th>时间</th><th>下次</th><th>发往</th><th>状态</th><th></th></tr></thead><tbody>
${calendar.entries.map((entry) => {
  const next = nextOccurrence(entry, now, reminders.timeZone);
  return html`<tr data-id="${entry.id}"><td data-label="条目" class="q">${entry.title}<br><span class="muted">${entry.id} · ${entry.origin === 'chat' ? '聊天中添加' : '日历文件'}</span></td><td data-label="时间">${whenText(entry.when)}</td>
<td data-label="下次" class="nowrap">${next ? formatTime(next.instant) : '—'}</td><td data-label="发往">${entry.chats.join('、')}</td><td data-label="状态" class="status">${STATUS[entry.status]}</td><td data-label="操作">${toggle(entry, frame)}</td></tr>`;
})}</tbody></table></div>
<div class="panel"><h2>订阅</h2><table id="subscriptions"><thead><tr><th>会话</th><th>状态</th><th>订阅时间</th></tr></thead><tbody>
${audience.subscribed.map((chat) => html`<tr><td>${chat}</td><td class="ok">已订阅</td><td>${formatTime(audience.subscribedSince?.[chat])}</td></tr>`)}
${audience.unsubscribed.map((chat) => html`<tr><td>${chat}</td><td class="muted">已退订</td><td></td></tr>`)}
${Object.entries(audience.groups).map(([group, chats]) => html`<tr><td>分组 ${group}</td><td>成员 ${chats.join('、')}</td><td></td></tr>`)}</tbody></table></div>
<div class="panel"><h2>发送记录</h2>${ledger.length === 0 ? html`<p class="muted">还没有发送记录。</p>` : ''}<table id="send-log" class="list"><thead><tr><th>计划时间</th><th>条目</th><th>会话</th><th>结果</th><th>尝试</th></tr></thead><tbody>
${ledger.map((item) => html`<tr><td data-label="计划时间" class="nowrap">${formatTime(item.scheduledAt)}</td><td data-label="条目" class="q">${titles.get(item.key.entry) ?? item.key.entry}</td><td data-label="会话">${item.key.chat}</td><td data-label="结果">${SEND_STATUS[item.status] ?? item.status}</td><td data-label="尝试">${item.attempts}</td></tr>`)}</tbody></table></div>`;
  return htmlReply(page('提醒', frame, body));
};

/** POST /console/reminders/pause and /resume. */
export function reminderToggle(action: 'pause' | 'resume'): Route {
  return async ({ deps, form, session, audit }) => {
    if (!deps.reminders) throw new ConsoleError('not-found', 'reminders are off');
    const id = form.get('id') ?? '';
    try {
      await deps.reminders.service[action](id, session.openId);
      await audit(`remind ${action}`, id, { ok: true });
    } catch (error) {
      await audit(`remind ${action}`, id, { ok: false, detail: error instanceof Error ? error.message : String(error) });
      throw new ConsoleError('bad-request', `cannot ${action} ${id}`, { cause: error });
    }
    return redirect('/console/reminders');
  };
}
