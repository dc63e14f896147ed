import { escapeMarkdown, markdown, plainText, type CardElement } from '../cards/index.js';
import { statusLabel, type DocumentFacts } from '../ingest/index.js';
import { quoteFor } from '../match/index.js';
import type { CardJson } from '../reminders/index.js';
import type { SelectedMeasure } from './select-measures.js';

/** A new document as its card shows it. */
interface NewPolicy {
  source: string;
  title: string;
  facts?: DocumentFacts | undefined;
}

/** The section path of a measure as a citation reads it: 三、重点任务 › (一)… › 1. 招商引进一批. */
function sectionPath(section: string[]): string {
  return section.join(' › ');
}

function measureElements(selected: SelectedMeasure): CardElement[] {
  const { measure } = selected;
  // the item's own label carries its number (「1.支持引导“拨投联动”」, 「（三）…」, 「海门市」)
  const label = measure.section.at(-1) ?? '';
  const lead = measure.lead.length > 0 ? `（牵头：${measure.lead.join('、')}）` : '';
  return [
    markdown(`**${escapeMarkdown(label)}**${escapeMarkdown(lead)}`),
    plainText(`「${quoteFor(measure.text, selected.words)}」`),
    plainText(`出处：${sectionPath(measure.section)}`, { grey: true, small: true }),
  ];
}

/**
 * The one card a subscribed chat gets for a newly indexed document: title, issuer, period, status and
 * the chosen measures, each quoted verbatim with its section path. Document text is plain text or
 * escaped markdown, never card markup.
 */
export function policyCard(policy: NewPolicy, measures: SelectedMeasure[], today: Date): CardJson {
  const { facts } = policy;
  const title = facts?.title ?? policy.title;
  const status = statusLabel(facts, today) || '未注明';
  const lines = [
    `**发文单位**：${escapeMarkdown(facts?.issuer ?? '未注明')}`,
    `**执行期**：${escapeMarkdown(facts?.period?.text ?? '未注明')}`,
    `**状态**：${escapeMarkdown(status)}`,
  ];
  const elements: CardElement[] = [
    plainText(`《${title}》`),
    markdown(lines.join('\n')),
    { tag: 'hr' },
    ...(measures.length > 0
      ? [markdown(measures.some((selected) => selected.score > 0) ? '**与本群关注相关的措施**' : '**主要措施**')]
      : [plainText('这份文件没有列出具体措施。', { grey: true })]),
    ...measures.flatMap(measureElements),
    { tag: 'hr' },
    plainText('可以 @政策通 询问这份文件的细节。取消订阅：/unsubscribe policies', { grey: true, small: true }),
  ];
  return {
    schema: '2.0',
    config: { update_multi: true, streaming_mode: false, summary: { content: `新政策：${title}`.slice(0, 60) } },
    // the title in the body, not a subtitle: a subtitle shows one line and long titles are common
    header: { title: { tag: 'plain_text', content: '新收录政策' }, template: 'blue' },
    body: { elements },
  };
}
