import type { Block, ParsedDocument } from '../types.js';
import { departmentsOf, departmentsOfRow, leadConvention, type LeadConvention } from './departments.js';
import type { DocumentMeasures, Measure } from './schema.js';
import { AUDIENCE_WORDS, FIELD_WORDS, placesOf, wordsIn } from './words.js';

const CHAPTER = /^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分])/;
// Chapters that state aims and requirements rather than actions.
const NOT_MEASURES = /总体要求|指导思想|目标|基本原则|创建要求|总则|附则|适用范围/;
const NUMBERED = /^(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[.．、])/;
const PLACE_LABEL = /^[\u4e00-\u9fa5、]{2,24}(?:区|县|市)$/;
const LIST_CAPTION = /活动|任务|措施|举措|政策|支持|扶持|补贴|奖励|服务/;
const TOTAL_ROW = /^(?:合计|小计|总计)$/;
// Lines that close a document rather than belong to its last item.
const TRAILER =
  /^(?:抄送|附件\s*[:：]|本(?:方案|计划|办法|意见|措施)自|[\u4e00-\u9fa5]{2,20}(?:办公室|人民政府)$|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发)?$|（此件公开发布）)/;
const AREA_HEADER = /区县|所属区|所在区|县（市）区|县\(市\)区/;

interface Draft {
  kind: Measure['kind'];
  section: string[];
  text: string;
  departments: { lead: string[]; responsible: string[] };
  place: string[];
}

function withoutPage(path: string[]): string[] {
  return path[0] && /^第\d+页$/.test(path[0]) ? path.slice(1) : path;
}

function isMeasureChapter(path: string[]): boolean {
  const chapter = path[0] ?? '';
  return CHAPTER.test(chapter) && !NOT_MEASURES.test(chapter) && path.length >= 2;
}

/** Consecutive paragraph blocks of one section: a numbered item and its continuation lines. */
function paragraphGroups(blocks: Block[]): Array<{ path: string[]; text: string }> {
  const groups: Array<{ path: string[]; text: string }> = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const path = withoutPage(block.sectionPath);
    const text = block.spans
      .map((span) => span.text)
      .join('')
      .trim();
    if (text === '' || TRAILER.test(text)) continue;
    const last = groups[groups.length - 1];
    if (last && last.path.join('\u0001') === path.join('\u0001')) last.text += text;
    else groups.push({ path, text });
  }
  return groups;
}

function itemDrafts(blocks: Block[], convention: LeadConvention, place: string[]): Draft[] {
  const groups = paragraphGroups(blocks).filter((group) => isMeasureChapter(group.path));
  const keys = groups.map((group) => group.path.join('\u0001'));
  return groups.flatMap((group, index) => {
    const leaf = group.path[group.path.length - 1] ?? '';
    const placeLabel = PLACE_LABEL.test(leaf);
    if (!NUMBERED.test(leaf) && !placeLabel) return [];
    // A heading whose numbered children follow is their context, not a measure of its own.
    const key = keys[index] ?? '';
    if (keys.some((other) => other.startsWith(`${key}\u0001`))) return [];
    const own = placeLabel ? leaf.split('、') : [];
    return [
      {
        kind: 'item' as const,
        section: group.path,
        text: group.text,
        departments: departmentsOf(group.text, convention),
        place: [...place, ...own],
      },
    ];
  });
}

function rowDrafts(blocks: Block[], place: string[]): Draft[] {
  return blocks.flatMap((block) => {
    const caption = block.sectionPath[block.sectionPath.length - 1] ?? '';
    const fields = block.fields ?? [];
    if (block.kind !== 'table-row' || !LIST_CAPTION.test(caption)) return [];
    if (!fields.some(([header]) => /牵头|责任(?:单位|部门)/.test(header))) return [];
    if (fields.some(([, value]) => TOTAL_ROW.test(value.trim()))) return [];
    const text = fields.map(([header, value]) => `${header}：${value}`).join('；');
    return [{ kind: 'table-row' as const, section: withoutPage(block.sectionPath), text, departments: departmentsOfRow(fields), place }];
  });
}

function areasOf(blocks: Block[], drafts: Draft[]): string[] {
  const named = blocks.flatMap((block) =>
    (block.fields ?? []).filter(([header]) => AREA_HEADER.test(header)).map(([, value]) => value.replace(/[（(].*$/s, '').trim()),
  );
  const labels = drafts.flatMap((draft) => draft.place);
  return [...new Set([...named, ...labels].filter((area) => /^[\u4e00-\u9fa5]{2,12}(?:区|县|市)$/.test(area)))];
}

/**
 * Turns a parsed policy document into its measures: the numbered items of its action chapters
 * (not its aims) and the rows of lists that name a 牵头部门. News and articles have none.
 */
export function extractMeasures(document: ParsedDocument): DocumentMeasures {
  const place = placesOf(document.facts.title).length > 0 ? placesOf(document.facts.title) : placesOf(document.facts.issuer ?? '');
  if (document.plain || document.facts.kind !== 'official') return { place, areas: [], measures: [] };
  const whole = document.blocks.map((block) => block.spans.map((span) => span.text).join('')).join('\n');
  const drafts = [...itemDrafts(document.blocks, leadConvention(whole), place), ...rowDrafts(document.blocks, place)];
  const measures = drafts.map((draft, index): Measure => ({
    id: `${document.source}#${index + 1}`,
    source: document.source,
    kind: draft.kind,
    section: draft.section,
    text: draft.text,
    lead: draft.departments.lead,
    responsible: draft.departments.responsible,
    who: wordsIn(draft.text, AUDIENCE_WORDS),
    industry: wordsIn(draft.text, FIELD_WORDS),
    place: draft.place,
  }));
  return { place, areas: areasOf(document.blocks, drafts), measures };
}
