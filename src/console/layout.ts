import { chinaDateTime } from '../text/index.js';
import { html, raw, type HtmlValue, type SafeHtml } from './html.js';

/** What every page's frame needs: the CSRF token for its forms and the nonce its inline script runs under. */
export interface Frame {
  csrf: string;
  nonce: string;
  /** The admin's open_id (shown in the header); undefined on the login pages. */
  openId?: string;
  /** Which nav item is current. */
  current?: string;
}

const NAV: Array<[string, string]> = [
  ['/console/', '概览'],
  ['/console/questions', '问题'],
  ['/console/gaps', '内容缺口'],
  ['/console/inspect', '检查器'],
  ['/console/documents', '文档'],
  ['/console/reminders', '提醒'],
  ['/console/audit', '审计'],
];

const STYLE = raw(`
*{box-sizing:border-box}body{margin:0;font:14px/1.55 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f6f7}
header{background:#fff;border-bottom:1px solid #dee0e3;padding:8px 16px;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}
header .brand{font-weight:600;font-size:16px;margin-right:8px}nav{display:flex;flex-wrap:wrap;gap:2px}
nav a{padding:4px 10px;border-radius:6px;color:#1f2329;text-decoration:none}nav a.on{background:#e1eaff;color:#245bdb}
header .who{margin-left:auto;color:#646a73;font-size:12px;display:flex;gap:8px;align-items:center}
main{max-width:1200px;margin:0 auto;padding:16px}h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{background:#fff;border:1px solid #dee0e3;border-radius:8px;padding:10px 12px}.card b{display:block;font-size:20px;word-break:break-all}.card span{color:#646a73;font-size:12px}
.panel{background:#fff;border:1px solid #dee0e3;border-radius:8px;padding:12px;margin:10px 0;overflow-x:auto}.panel>h2:first-child{margin-top:0}.break{word-break:break-all}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eff0f1;vertical-align:top}th{color:#646a73;font-weight:500;white-space:nowrap}
td.q{min-width:180px;max-width:420px;word-break:break-word}.muted{color:#8f959e}.nowrap{white-space:nowrap}
.ok{color:#2ea121}.bad{color:#d83931}.warn{color:#de7802}.tag{display:inline-block;white-space:nowrap;padding:0 6px;border-radius:4px;font-size:12px;background:#eff0f1}
.tag.bad{background:#fde2e2}.tag.ok{background:#d9f5d6}.tag.warn{background:#feead2}
form.inline{display:inline}form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end}
label{display:flex;flex-direction:column;font-size:12px;color:#646a73;gap:2px}label.check{flex-direction:row;align-items:center;gap:4px;font-size:14px;color:#1f2329}
input,button,textarea{font:inherit}input[type=text],input[type=date],input[type=search],textarea{padding:5px 8px;border:1px solid #d0d3d6;border-radius:6px;max-width:100%}
button,.button{padding:5px 12px;border:1px solid #d0d3d6;border-radius:6px;background:#fff;cursor:pointer;color:#1f2329;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:#3370ff;border-color:#3370ff;color:#fff}button.danger{color:#d83931}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f6f7;padding:8px;border-radius:6px;margin:4px 0}
.progress{height:8px;background:#eff0f1;border-radius:4px;overflow:hidden}.progress div{height:100%;background:#3370ff;width:0}
.chart{overflow-x:auto}.chart svg{width:100%;min-width:560px;height:auto;display:block}.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px;color:#646a73}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px;vertical-align:-1px}
ul.tree{padding-left:18px;margin:4px 0}.login{max-width:420px;margin:60px auto}
@media (max-width:600px){main{padding:10px}header{padding:8px 10px}header .who{margin-left:0;width:100%}h1{font-size:18px}th,td{padding:5px 6px}
table.list thead{display:none}table.list tr{display:block;padding:6px 0;border-bottom:1px solid #dee0e3}table.list td{display:block;position:relative;border:none;padding:2px 0 2px 5em;min-width:0;max-width:none;white-space:normal;min-height:1.6em}
table.list td::before{content:attr(data-label);position:absolute;left:0;top:3px;width:4.5em;color:#8f959e;font-size:12px}table.list td[data-label=""]{padding-left:0}table.list td[data-label=""]::before{display:none}.panel{padding:10px}}
`);

/** The page frame: header with navigation, the body, and the page's inline script (run under the CSP nonce). */
export function page(title: string, frame: Frame, body: HtmlValue, script?: string): SafeHtml {
  const nav = frame.openId
    ? html`<nav>${NAV.map(([href, label]) => html`<a href="${href}" class="${frame.current === href ? 'on' : ''}">${label}</a>`)}</nav>
      <div class="who"><span>${frame.openId}</span>
      <form class="inline" method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${frame.csrf}"><button type="submit">退出</button></form></div>`
    : '';
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · 政策通管理控制台</title><meta name="csrf-token" content="${frame.csrf}"><style>${STYLE}</style></head>
<body><header><span class="brand">政策通 · 管理控制台</span>${nav}</header><main><h1>${title}</h1>${body}</main>
${script ? html`<script nonce="${frame.nonce}">${raw(script)}</script>` : ''}</body></html>`;
}

/** A hidden CSRF field for a form. */
export function csrfField(frame: Frame): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${frame.csrf}">`;
}

const TIME_ZONE = 'Asia/Shanghai';

/** A time as admins in China read it. */
export function formatTime(value: string | number | undefined): string {
  if (value === undefined) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return chinaDateTime(date);
}

/** The calendar day (YYYY-MM-DD) of a time in China. */
export function dayOf(value: string | number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(value),
  );
}
