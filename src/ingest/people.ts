import { cleanText } from '../text/index.js';

/** One member of a leadership list (附件: 组长/成员 + name + role). */
export interface PersonLine {
  group?: string;
  name: string;
  role: string;
}

const GROUP_LABEL = /^\s*(组\s*长|副\s*组\s*长|成\s*员|主\s*任|副\s*主\s*任|召\s*集\s*人)\s*[:：]\s*/;
// Names are 2–4 Han characters, two-character names padded with spaces (於  丽); a gap of
// two or more spaces separates the name from the role.
const NAME_THEN_ROLE = /^\s*([\u4e00-\u9fa5](?:[ \u3000]{0,3}[\u4e00-\u9fa5]){1,3})[ \u3000]{2,}(\S.*)$/;

/** Reads "成    员：於  丽    区人力社保局局长" as {group: 成员, name: 於丽, role: …}. */
export function parsePersonLine(line: string): PersonLine | null {
  const label = GROUP_LABEL.exec(line);
  const rest = label ? line.slice(label[0].length) : line;
  const match = NAME_THEN_ROLE.exec(label ? `${rest}` : rest);
  if (!match) return null;
  const role = cleanText(match[2] ?? '');
  if (role === '' || /[。]$/.test(role)) return null;
  const person: PersonLine = { name: (match[1] ?? '').replace(/[ \u3000]/g, ''), role };
  if (label) person.group = (label[1] ?? '').replace(/\s/g, '');
  return person;
}

/** A role wrapped onto the next line ends with a comma or enumeration mark. */
export function roleContinues(role: string): boolean {
  return /[，,、]$/.test(role);
}
