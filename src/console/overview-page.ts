import { questionsChart } from './chart.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply } from './http.js';
import { formatTime, page } from './layout.js';
import { dailyStats } from './question-stats.js';
import type { Route } from './route-context.js';

function card(label: string, value: string | number, tone?: 'ok' | 'bad', id?: string): SafeHtml {
  return html`<div class="card" id="${id ?? ''}"><b class="${tone ?? ''}">${value}</b><span>${label}</span></div>`;
}

const safely = <T>(read: () => T, fallback: T): T => {
  try {
    return read();
  } catch {
    return fallback;
  }
};

/** GET /console/: the index, the parts' health, and 30 days of questions as a chart. */
export const overviewPage: Route = async ({ deps, now, frame }) => {
  const manifest = safely(() => deps.manifest(), undefined);
  const model = safely(() => deps.health.modelLoaded(), false);
  const feishu = safely(() => deps.health.feishuConnected(), false);
  const tick = safely(() => deps.health.lastSchedulerTick(), undefined);
  const entries = await deps.stores.questions.list(new Date(now - 31 * 86_400_000).toISOString());
  const days = dailyStats(entries, now);
  const body = html`<div class="cards">
${card('索引构建于', manifest ? formatTime(manifest.builtAt) : '无索引', manifest ? undefined : 'bad', 'index-generation')}
${card('文档', manifest?.counts.documents ?? 0, undefined, 'documents-count')}
${card('片段', manifest?.counts.chunks ?? 0, undefined, 'chunks-count')}
${card('嵌入模型', model ? '已加载' : '未加载', model ? 'ok' : 'bad', 'model')}
${card('飞书连接', feishu ? '已连接' : '未连接', feishu ? 'ok' : 'bad', 'feishu')}
${card('提醒调度最近一次', tick === undefined ? '—' : formatTime(tick), undefined, 'scheduler')}
</div>
<div class="panel"><h2>索引</h2>${
    manifest
      ? html`<table><tr><th>版本</th><td class="break">${manifest.buildId}</td></tr><tr><th>构建时间</th><td>${formatTime(manifest.builtAt)}</td></tr><tr><th>构建方式</th><td>模型 ${manifest.modelId}（${manifest.dimensions} 维），分词 ${manifest.tokenizer}，片段长度 ${manifest.chunkSize}</td></tr></table>`
      : html`<p class="bad">还没有索引：在服务器上运行 npm run -s cli -- index。</p>`
  }</div>
<div class="panel"><h2>近 30 天问题</h2>${questionsChart(days)}</div>`;
  return htmlReply(page('概览', frame, body));
};
