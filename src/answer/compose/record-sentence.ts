import { compactForm } from '../../text/index.js';

const NAME_FIELD = /名称|姓名|名字|^项目|^活动/;
const UNIT = /^(.*?)\s*[（(]\s*([^（）()]{1,6})\s*[)）]\s*$/;
const NUMERIC = /^[\d.,\s]+$/;

/** 总面积（平方米）=6469 → 总面积6469平方米; 运营主体=X → 运营主体为X. */
export function fieldPhrase(key: string, value: string): string {
  const unit = UNIT.exec(key);
  if (unit && NUMERIC.test(value)) return `${(unit[1] ?? '').trim()}${value.trim()}${unit[2] ?? ''}`;
  const label = unit ? `${(unit[1] ?? '').trim()}（${unit[2]}）` : key;
  return `${label}为${value}`;
}

/** The field that names a record (空间名称, 活动名称, 姓名), or the first that is not a serial number. */
export function nameField(fields: Array<[string, string]>): [string, string] | undefined {
  return fields.find(([key]) => NAME_FIELD.test(key)) ?? fields.find(([key]) => key !== '序号' && !/^列\d+$/.test(key));
}

/** Whether a question names a field (its key or most of its characters). */
function asksField(key: string, question: string): boolean {
  const plain = compactForm(key.replace(/[（(][^）)]*[)）]/g, ''));
  const asked = compactForm(question);
  if (plain.length < 2) return false;
  if (asked.includes(plain)) return true;
  const shared = [...plain].filter((character) => asked.includes(character)).length;
  return shared >= Math.min(3, plain.length) || (plain.length >= 2 && asked.includes(plain.slice(-2)));
}

/**
 * A table row said as a sentence in the document's own words, the asked fields first:
 * 窑里青在空间：运营主体为湖州市水漾窑里乡村有限发展公司，总面积6469平方米，……
 */
export function recordSentence(
  fields: Array<[string, string]>,
  question: string,
  extraAsked: (key: string) => boolean = () => false,
): string {
  const labels = leadingLabels(fields);
  const named = labels.length === 0 ? nameField(fields) : undefined;
  const rest = fields.filter(
    (field) => field !== named && !labels.includes(field) && field[0] !== '序号' && !/^[-_—]?$/.test(field[1].trim()),
  );
  const asked = rest.filter(([key]) => asksField(key, question) || extraAsked(key));
  const others = rest.filter((field) => !asked.includes(field));
  const phrases = [...asked, ...others].map(([key, value]) => fieldPhrase(key, value));
  const name = labels.length > 0 ? labels.map(([, value]) => value.replace(/\s+/g, '')).join('') : named?.[1];
  return `${name ? `${name}：` : ''}${phrases.join('，')}。`;
}

/**
 * A row of a breakdown table is named by its leading label columns (所属区县=德清县，年份=2026 年 →
 * 德清县2026年) when it has no name column and its other cells are figures.
 */
function leadingLabels(fields: Array<[string, string]>): Array<[string, string]> {
  if (fields.some(([key]) => NAME_FIELD.test(key))) return [];
  const labels: Array<[string, string]> = [];
  for (const field of fields) {
    if (field[0] === '序号' || NUMERIC.test(field[1]) || labels.length === 2) break;
    labels.push(field);
  }
  const figures = fields.length - labels.length;
  return labels.length >= 1 &&
    figures >= 2 &&
    fields.slice(labels.length).every(([, value]) => NUMERIC.test(value) || /^[-_—]$/.test(value.trim()))
    ? labels
    : [];
}
