import { html, raw, type SafeHtml } from './html.js';
import type { DayStats } from './question-stats.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 34, right: 40, top: 12, bottom: 44 };

/**
 * Questions per day as stacked bars (answered blue, refused red), the refusal rate as a line on the
 * right axis, and 👍/👎 per day as small marks under the bars. Inline SVG built from numbers only.
 */
export function questionsChart(days: readonly DayStats[]): SafeHtml {
  const max = Math.max(1, ...days.map((day) => day.total));
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = innerWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, step * 0.7);
  const y = (value: number): number => PAD.top + innerHeight - (value / max) * innerHeight;
  const parts: string[] = [];
  for (const tick of [0, Math.ceil(max / 2), max]) {
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#eff0f1"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#8f959e">${tick}</text>`);
  }
  const ratePoints: string[] = [];
  days.forEach((day, index) => {
    const x = PAD.left + index * step + (step - barWidth) / 2;
    const answered = day.total - day.refused;
    const title = `${day.day}：${day.total} 个问题，未回答 ${day.refused}，👍 ${day.up}，👎 ${day.down}`;
    parts.push(`<g class="day" data-day="${day.day}" data-total="${day.total}" data-refused="${day.refused}"><title>${title}</title>`);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(day.total).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(day.refused) - y(day.total)).toFixed(1)}" fill="#3370ff" data-answered="${answered}"/>`,
    );
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(day.refused).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(0) - y(day.refused)).toFixed(1)}" fill="#f54a45"/>`,
    );
    if (day.up > 0)
      parts.push(`<circle cx="${(x + barWidth / 2).toFixed(1)}" cy="${HEIGHT - 18}" r="${Math.min(5, 2 + day.up)}" fill="#34c724"/>`);
    if (day.down > 0)
      parts.push(`<circle cx="${(x + barWidth / 2).toFixed(1)}" cy="${HEIGHT - 7}" r="${Math.min(5, 2 + day.down)}" fill="#de7802"/>`);
    parts.push('</g>');
    if (day.total > 0)
      ratePoints.push(`${(x + barWidth / 2).toFixed(1)},${(PAD.top + innerHeight - (day.refused / day.total) * innerHeight).toFixed(1)}`);
    if (index % 5 === 0 || index === days.length - 1) {
      parts.push(
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${PAD.top + innerHeight + 12}" text-anchor="middle" font-size="10" fill="#8f959e">${day.day.slice(5)}</text>`,
      );
    }
  });
  if (ratePoints.length > 1) parts.push(`<polyline points="${ratePoints.join(' ')}" fill="none" stroke="#7f3bf5" stroke-width="1.5"/>`);
  parts.push(`<text x="${WIDTH - PAD.right + 6}" y="${PAD.top + 8}" font-size="11" fill="#7f3bf5">100%</text>`);
  parts.push(`<text x="${WIDTH - PAD.right + 6}" y="${PAD.top + innerHeight}" font-size="11" fill="#7f3bf5">0%</text>`);
  const totals = days.reduce(
    (sum, day) => ({ total: sum.total + day.total, refused: sum.refused + day.refused, up: sum.up + day.up, down: sum.down + day.down }),
    { total: 0, refused: 0, up: 0, down: 0 },
  );
  const rate = totals.total === 0 ? 0 : Math.round((totals.refused / totals.total) * 100);
  return html`<div class="chart" id="questions-chart"><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="近 30 天每日问题数">${raw(parts.join(''))}</svg>
<div class="legend"><span><i style="background:#3370ff"></i>已回答</span><span><i style="background:#f54a45"></i>未回答</span><span><i style="background:#7f3bf5"></i>拒答率（右轴）</span><span><i style="background:#34c724"></i>👍 赞</span><span><i style="background:#de7802"></i>👎 踩</span></div>
<p class="muted">近 30 天：${totals.total} 个问题，拒答率 ${rate}%，👍 ${totals.up}，👎 ${totals.down}</p></div>`;
}
