/** Who leads and who shares a measure, as the text names them; empty when the text names nobody. */
interface Departments {
  lead: string[];
  responsible: string[];
}

/** How a document marks the lead among its 责任单位: a star (标*的为牵头单位) or the first listed (列第一的为牵头单位). */
export type LeadConvention = 'star' | 'first' | 'none';

// 「（区科技局牵头）」, 「（区委人才办、区人力社保局牵头）」, 「（“六创”主管部门分别牵头）」
const LED_BY = /[（(]([^（()）]{2,40}?)(?:分别|共同)?牵头[)）]/g;
// 「(责任单位:*区科技局、区市场监管局)」; the list may hold 〈…〉 asides and end with a remark after 。
const RESPONSIBLE = /[（(]\s*(?:责任单位|责任部门|牵头单位)\s*[:：]\s*((?:[^（()）]|[（(][^（()）]*[)）])+)[)）]/g;

// 「…,标*的为牵头单位,下同」 written into the list itself is a remark, not a department
const REMARK = /为牵头|下同|^标\s*[*＊※]|^注[:：]/;

/** Whether a text is a bare 「(责任单位:…)」 mark: it says who, not what. */
export function isResponsibilityMark(text: string): boolean {
  return /^[（(]\s*(?:责任单位|责任部门|牵头单位)\s*[:：]/.test(text.trim());
}

/** Reads the document-wide rule saying which 责任单位 leads. */
export function leadConvention(text: string): LeadConvention {
  if (/标\s*[*＊※]\s*(?:的|者)?为牵头/.test(text)) return 'star';
  if (/(?:列|排)(?:第一|首位|在首位)(?:的|者)?为牵头/.test(text)) return 'first';
  return 'none';
}

/** Splits 「市经信局、市委组织部〈市委人才办〉、市科技局」 at top-level separators only. */
export function splitDepartments(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if ('〈（(《'.includes(char)) depth += 1;
    if ('〉）)》'.includes(char)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '、，,;；'.includes(char)) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The departments one item's text names (a sole 责任单位 leads: it is the only one named), read from its 「（…牵头）」 and 「(责任单位:…)」 marks. */
export function departmentsOf(text: string, convention: LeadConvention): Departments {
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const match of text.matchAll(LED_BY)) {
    const names = splitDepartments((match[1] ?? '').replace(/^.*?[:：]/, ''));
    lead.push(...names);
    responsible.push(...names);
  }
  for (const match of text.matchAll(RESPONSIBLE)) {
    // 「…。列第一的为牵头单位,下同」 is a remark on the list, not a department.
    const names = splitDepartments((match[1] ?? '').split('。')[0] ?? '').filter((name) => !REMARK.test(name));
    const starred = names.filter((name) => /^[*＊※]/.test(name)).map(stripStar);
    if (starred.length > 0) lead.push(...starred);
    else if ((convention === 'first' || names.length === 1) && names[0]) lead.push(stripStar(names[0]));
    responsible.push(...names.map(stripStar));
  }
  return { lead: unique(lead), responsible: unique(responsible) };
}

function stripStar(name: string): string {
  return name.replace(/^[*＊※]\s*/, '');
}

/** A table row's departments: 牵头部门/牵头单位 columns lead, 责任单位/主管部门 columns are responsible. */
export function departmentsOfRow(fields: Array<[string, string]>): Departments {
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const [header, value] of fields) {
    const names = splitDepartments(value.replace(/\s+/g, '')).filter((name) => name !== '-' && name !== '无');
    if (/牵头(?:服务)?(?:部门|单位)/.test(header)) (lead.push(...names), responsible.push(...names));
    else if (/(?:责任|主管|配合)(?:部门|单位)/.test(header)) responsible.push(...names);
  }
  return { lead: unique(lead), responsible: unique(responsible) };
}
