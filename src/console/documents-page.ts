import { checkFileContent, checkFileName } from '../admin/index.js';
import { documentStatus } from '../ingest/index.js';
import { friendlyMessage } from '../lark/index.js';
import { ConsoleError } from './errors.js';
import { html, type SafeHtml } from './html.js';
import { htmlReply, readBody, redirect, type Reply } from './http.js';
import type { DocumentFacts } from './document-meta.js';
import type { Jobs } from './jobs.js';
import { csrfField, formatTime, page } from './layout.js';
import type { Route, RouteContext } from './route-context.js';

/** A manifest entry's optional text field (issuer, period, status … when the index records them). */
function field(entry: object | undefined, ...names: string[]): string | undefined {
  if (!entry) return undefined;
  for (const name of names) {
    const value: unknown = (entry as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

const STATUS_TEXT: Record<string, [string, string]> = {
  expired: ['已到期', 'bad'],
  draft: ['征求意见稿', 'warn'],
  'in-force': ['有效', 'ok'],
  trial: ['试行', 'ok'],
};

function statusTag(indexed: boolean, status: string | undefined, facts: DocumentFacts | undefined): SafeHtml {
  if (!indexed) return html`<span class="tag warn">未索引</span>`;
  if (!status && facts?.draft) return html`<span class="tag warn">征求意见稿</span>`;
  const known = status ? STATUS_TEXT[status] : undefined;
  if (known) return html`<span class="tag ${known[1]}">${known[0]}</span>`;
  return html`<span class="tag ok">${status ?? '已索引'}</span>`;
}

function uploadPanel(enabled: boolean, shownAt: number): SafeHtml {
  if (!enabled) return html`<div class="panel"><p class="muted">这个进程没有启用文档管理。</p></div>`;
  return html`<div class="panel"><h2>上传与重建</h2><form id="upload-form" class="filters"><label>文件（PDF、Word、TXT、Markdown、HTML）<input type="file" id="upload-file" name="file" required></label>
<button class="primary" type="submit">上传并索引</button><button type="button" id="reindex">重建索引</button></form>
<div id="job" style="margin-top:10px" data-shown="${shownAt}"><div class="progress"><div id="job-bar"></div></div><p id="job-text" class="muted"></p></div></div>`;
}

/** Connects to the progress stream; uploads with fetch (the body is the file), CSRF in a header. */
const SCRIPT = `
const csrf=document.querySelector('meta[name=csrf-token]').content;const text=document.getElementById('job-text');const bar=document.getElementById('job-bar');
const STAGES={reading:'读取',parsing:'解析',embedding:'计算向量',indexing:'建索引'};
function show(s){if(s.running){const p=s.running.progress;text.textContent=s.running.action+' '+(s.running.name||'')+'：'+(STAGES[p.stage]||p.stage)+' '+p.done+'/'+p.total;bar.style.width=(p.total?Math.round(100*p.done/p.total):5)+'%';text.dataset.state='running';}
else if(s.last){text.textContent=(s.last.ok?'✅ ':'❌ ')+s.last.action+' '+(s.last.name||'')+'：'+s.last.text;bar.style.width=s.last.ok?'100%':'0';text.dataset.state=s.last.ok?'done':'failed';}}
const shown=Number(document.getElementById('job').dataset.shown);let reloading=false;
const events=new EventSource('/console/documents/events');events.addEventListener('state',e=>{const s=JSON.parse(e.data);show(s);
if(!s.running&&s.last&&s.last.at!==shown&&!reloading){reloading=true;setTimeout(()=>location.reload(),500);}});
async function post(url,body,headers){const r=await fetch(url,{method:'POST',body,headers:Object.assign({'x-csrf-token':csrf},headers||{})});const j=await r.json().catch(()=>({}));if(!r.ok){text.textContent='❌ '+(j.message||r.status);text.dataset.state='refused';}}
document.getElementById('upload-form').addEventListener('submit',e=>{e.preventDefault();const f=document.getElementById('upload-file').files[0];if(f)post('/console/documents/upload',f,{'x-file-name':encodeURIComponent(f.name),'content-type':'application/octet-stream'});});
document.getElementById('reindex').addEventListener('click',()=>post('/console/documents/reindex'));
document.querySelectorAll('form.remove').forEach(f=>f.addEventListener('submit',e=>{if(!confirm('删除 '+f.elements.name.value+' 并重建索引？'))e.preventDefault();}));
`;

/** GET /console/documents: the documents folder joined with the index's view of it and what each file says of itself. */
export function documentsPage(factsOf: (name: string, modifiedAt: number) => Promise<DocumentFacts | undefined>, jobs: Jobs): Route {
  return async ({ deps, frame }) => {
    // which finished change this list already shows: the page reloads itself when a later one finishes
    const shownAt = jobs.state().last?.at ?? 0;
    const files = deps.knowledge ? await deps.knowledge.documents() : [];
    const manifest = (() => {
      try {
        return deps.manifest();
      } catch {
        return undefined;
      }
    })();
    const names = [...new Set([...files.map((file) => file.name), ...Object.keys(manifest?.documents ?? {})])].sort();
    const rows = [];
    for (const name of names) {
      const file = files.find((candidate) => candidate.name === name);
      const entry = manifest?.documents[name];
      const facts = file ? await factsOf(name, file.modifiedAt) : undefined;
      // The index's document facts (issuer, own date, period, status on today) where it has them.
      const indexed = entry?.facts;
      const status = indexed ? documentStatus(indexed, new Date(deps.clock.now())) : field(entry, 'status');
      const when = indexed?.period?.text ?? indexed?.issuedOn ?? field(entry, 'period', 'validity') ?? facts?.date;
      rows.push(html`<tr data-name="${name}"><td data-label="标题" class="q"><a href="/console/document?name=${encodeURIComponent(name)}">${entry?.title ?? name}</a><br><span class="muted">${name}</span></td>
<td data-label="文号">${entry?.docNumber ?? '—'}</td><td data-label="发文机关">${indexed?.issuer ?? field(entry, 'issuer') ?? facts?.issuer ?? '—'}</td><td data-label="日期">${when ?? '—'}</td><td data-label="状态" class="status">${statusTag(entry !== undefined, status === 'unknown' ? undefined : status, facts)}</td>
<td data-label="片段">${entry?.chunks ?? 0}</td><td data-label="加入时间" class="nowrap">${file ? formatTime(file.modifiedAt) : '—'}</td>
<td data-label="操作">${deps.knowledge && file ? html`<form method="post" action="/console/documents/remove" class="inline remove">${csrfField(frame)}<input type="hidden" name="name" value="${name}"><button class="danger" type="submit">删除</button></form>` : ''}</td></tr>`);
    }
    const body = html`${uploadPanel(deps.knowledge !== undefined, shownAt)}<div class="panel"><table id="documents" class="list"><thead><tr><th>标题</th><th>文号</th><th>发文机关</th><th>日期 / 有效期</th><th>状态</th><th>片段</th><th>加入时间</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`;
    return htmlReply(page('文档', frame, body, deps.knowledge ? SCRIPT : undefined));
  };
}

function requireKnowledge(context: RouteContext): NonNullable<RouteContext['deps']['knowledge']> {
  if (!context.deps.knowledge) throw new ConsoleError('not-found', 'document administration is off');
  return context.deps.knowledge;
}

const accepted = (): Reply => ({ status: 202, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"ok":true}' });
const refused = (message: string): Reply => ({
  status: 400,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'refused', message }),
});

/** The document routes over one job tracker. */
export function documentRoutes(jobs: Jobs): Record<string, Route> {
  const run = (context: RouteContext, action: string, name: string, work: Parameters<Jobs['start']>[2]): void => {
    jobs.start(action, name, work, (ok, text) => void context.audit(action, name, { ok, detail: text }));
  };
  return {
    'POST /console/documents/upload': async (context) => {
      const knowledge = requireKnowledge(context);
      const header = context.request.headers['x-file-name'];
      const bytes = await readBody(context.request, context.deps.maxUploadBytes + 1);
      let name: string;
      try {
        name = checkFileName(decodeURIComponent(typeof header === 'string' ? header : ''));
        // the same checks as a file sent in chat; the parse check runs in the upload itself
        checkFileContent(name, bytes, context.deps.maxUploadBytes);
      } catch (error) {
        await context.audit('upload', String(header ?? ''), { ok: false, detail: friendlyMessage(error) });
        return refused(friendlyMessage(error));
      }
      run(context, 'upload', name, (onProgress) => knowledge.upload(name, bytes, onProgress).then((result) => result.summary));
      return accepted();
    },
    'POST /console/documents/reindex': async (context) => {
      const knowledge = requireKnowledge(context);
      run(context, 'reindex', '', (onProgress) => knowledge.reindex(onProgress));
      return accepted();
    },
    'POST /console/documents/remove': async (context) => {
      const knowledge = requireKnowledge(context);
      const name = context.form.get('name') ?? '';
      run(context, 'remove', name, (onProgress) => knowledge.remove(name, onProgress));
      return redirect('/console/documents');
    },
    'GET /console/documents/events': async ({ request, response }) => {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const push = (state: ReturnType<Jobs['state']>): void => void response.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
      push(jobs.state());
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
      const stop = jobs.listen(push, () => response.end());
      request.on('close', () => {
        stop();
        clearInterval(heartbeat);
      });
      return undefined;
    },
  };
}
