import { documentStatus, STATUS_LABELS } from '../../ingest/index.js';
import { matchDocumentsOf, type MatchDocument } from '../../match/index.js';
import type { Runtime } from '../../app/index.js';

/** The served documents' measures, read from the manifest of the index answers come from. */
export async function servedDocuments(runtime: Runtime): Promise<MatchDocument[]> {
  await runtime.hasIndex();
  return matchDocumentsOf(runtime.manifest());
}

function listing(documents: MatchDocument[], today: Date): string {
  return documents
    .map((document) => {
      const status = STATUS_LABELS[documentStatus(document.facts, today)];
      const period = document.facts?.period ? `，${document.facts.period.text}` : '';
      const head = `《${document.title}》（${status}${period}）${document.measures.place.join('')}：${document.measures.measures.length} 条措施`;
      const lines = document.measures.measures.map((measure) => {
        const fields = [
          `牵头：${measure.lead.join('、') || '未写明'}`,
          ...(measure.who.length > 0 ? [`对象：${measure.who.join('、')}`] : []),
          ...(measure.industry.length > 0 ? [`领域：${measure.industry.join('、')}`] : []),
        ];
        return `  ${measure.id.split('#')[1]}. ${measure.section.join(' > ')}\n     ${fields.join('；')}\n     ${measure.text.slice(0, 80)}${measure.text.length > 80 ? '…' : ''}`;
      });
      return [head, ...lines].join('\n');
    })
    .join('\n\n');
}

/** `measures [--json]`: every measure read at index time, per document, for review. */
export async function measuresCommand(runtime: Runtime, json: boolean, today: Date): Promise<number> {
  const documents = await servedDocuments(runtime);
  if (json) {
    const rows = documents.map((document) => ({
      source: document.source,
      title: document.title,
      status: STATUS_LABELS[documentStatus(document.facts, today)],
      period: document.facts?.period?.text ?? '',
      place: document.measures.place,
      areas: document.measures.areas,
      count: document.measures.measures.length,
      measures: document.measures.measures,
    }));
    process.stdout.write(`${JSON.stringify({ documents: rows })}\n`);
  } else process.stdout.write(`${listing(documents, today)}\n`);
  return 0;
}
