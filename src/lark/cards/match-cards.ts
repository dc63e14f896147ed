import type { Measure } from '../../ingest/index.js';
import type { MatchedMeasure, MatchResult, Profile } from '../../match/index.js';
import type { CardJson } from '../../cards/index.js';
import { callbackButton, card, escapeMarkdown, markdown, plainText, type CardElement } from '../../cards/index.js';

export { matchFormCard, SUBMIT_ACTION, type FormChoices } from './match-form.js';

export const DETAIL_ACTION = 'match-detail';
export const BACK_ACTION = 'match-back';

// Feishu refuses a card over 30 KB or 200 elements (Card JSON 2.0 limits); a result card stays well
// inside both: at most 10 measures of 3 elements, quotes cut, measures dropped from the end if still big.
const MAX_CARD_BYTES = 30 * 1024;
const BYTES_MARGIN = 2 * 1024;
const LISTED_MEASURES = 10;
const QUOTE_CHARS = 120;
const NOTES_CHARS = 2_000;

/** A profile as a button value (strings only), so 返回 can redraw the result it came from. */
function profileValue(profile: Profile): Record<string, string> {
  return {
    ...(profile.place ? { place: profile.place } : {}),
    ...(profile.who.length > 0 ? { who: profile.who.join('、') } : {}),
    ...(profile.industry.length > 0 ? { industry: profile.industry.join('、') } : {}),
    ...(profile.stage ? { stage: profile.stage } : {}),
  };
}

/** 「南浔区 · 大学生 · 文创 · 筹备」 */
function profileSummary(profile: Profile): string {
  const parts = [
    profile.place ?? '地区未选',
    profile.who.join('、') || '身份未选',
    profile.industry.join('、') || '行业未选',
    profile.stage ?? '',
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

function label(section: string): string {
  return section.split(' > ').at(-1) ?? section;
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function facts(lead: string[], period: string, status: string): string {
  const leadText = lead.length > 0 ? `牵头：${lead.join('、')}` : '文件未写明牵头部门';
  return [leadText, period ? `执行期${period}` : '', status]
    .filter((part) => part !== '')
    .map(escapeMarkdown)
    .join(' · ');
}

function measureElements(measure: MatchedMeasure, index: number, profile: Profile): CardElement[] {
  return [
    markdown(
      `**${index + 1}. ${escapeMarkdown(label(measure.section))}**\n《${escapeMarkdown(measure.title)}》\n${facts(measure.lead, measure.period, measure.status)}`,
    ),
    plainText(`「${cut(measure.quote, QUOTE_CHARS)}」`, { grey: true }),
    callbackButton('详细', { action: DETAIL_ACTION, source: measure.source, measure: measure.id, ...profileValue(profile) }),
  ];
}

function resultCardOf(result: MatchResult, listed: number): CardJson {
  const { measures, notes, profile } = result;
  const head =
    measures.length > 0
      ? `找到 ${measures.length} 条适用措施，按相关程度排序${measures.length > listed ? `，显示前 ${listed} 条` : ''}：`
      : '没有找到可匹配的措施。';
  return card({
    title: '政策匹配结果',
    subtitle: profileSummary(profile),
    color: measures.length > 0 ? 'blue' : 'orange',
    summary: `政策匹配：${measures.length} 条措施`,
    elements: [
      markdown(`**条件** ${escapeMarkdown(profileSummary(profile))}\n${head}`),
      ...measures.slice(0, listed).flatMap((measure, index) => measureElements(measure, index, profile)),
      ...(notes.length > 0 ? [plainText(cut(notes.join('\n'), NOTES_CHARS), { small: true })] : []),
      plainText('发送 /match 修改条件，/match forget 删除保存的条件。', { grey: true, small: true }),
    ],
  });
}

/** The result of a match: each measure with lead, validity and a quote, a 详细 button each, then the notes. */
export function matchResultCard(result: MatchResult): CardJson {
  for (let listed = Math.min(LISTED_MEASURES, result.measures.length); listed > 0; listed -= 1) {
    const built = resultCardOf(result, listed);
    if (Buffer.byteLength(JSON.stringify(built)) <= MAX_CARD_BYTES - BYTES_MARGIN) return built;
  }
  return resultCardOf(result, 0);
}

/** What 详细 shows of one measure: its full text, section, lead and responsible units, period, status, quote. */
interface MeasureDetail {
  measure: Measure;
  title: string;
  period: string;
  status: string;
  quote: string;
  profile: Profile;
}

/** 详细: the measure in full, with a button back to the result it came from. */
export function measureDetailCard(detail: MeasureDetail): CardJson {
  const { measure } = detail;
  const lines = [
    `**文件** 《${escapeMarkdown(detail.title)}》`,
    `**章节** ${escapeMarkdown(measure.section.join(' > '))}`,
    `**牵头部门** ${measure.lead.length > 0 ? escapeMarkdown(measure.lead.join('、')) : '文件未写明'}`,
    ...(measure.responsible.length > 0 ? [`**责任单位** ${escapeMarkdown(measure.responsible.join('、'))}`] : []),
    `**执行期** ${detail.period ? escapeMarkdown(detail.period) : '文件未写明'} · ${escapeMarkdown(detail.status)}`,
  ];
  return card({
    title: '措施详情',
    subtitle: label(measure.section.join(' > ')),
    color: 'blue',
    summary: `措施详情：${label(measure.section.join(' > '))}`,
    elements: [
      markdown(lines.join('\n')),
      markdown('**原文**'),
      plainText(measure.text),
      markdown('**匹配到的原文**'),
      plainText(`「${detail.quote}」`, { grey: true }),
      callbackButton('返回匹配结果', { action: BACK_ACTION, ...profileValue(detail.profile) }),
    ],
  });
}
