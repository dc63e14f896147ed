// Card JSON 2.0 values the platform accepts, per the component pages (标题 header: template 13 colours;
// 按钮 button: type, size and width enums, text at most 100 characters, a behaviors list of open_url /
// callback / form actions unless it is a form button; 分栏 column: width auto, weighted or [16,600]px).
import { isJson, type Json } from './router.js';

const TEMPLATES = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
];
const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];
const BUTTON_SIZES = ['tiny', 'small', 'medium', 'large'];
const BEHAVIORS = ['open_url', 'callback'];
const MAX_BUTTON_TEXT = 100;

function pixels(value: string): number | undefined {
  const match = /^(\d+)px$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** Problems with the header's values. */
export function headerValueProblems(header: Json): string[] {
  if (header.template === undefined || TEMPLATES.includes(String(header.template))) return [];
  return [`header.template "${String(header.template)}" is not one of ${TEMPLATES.join('/')}`];
}

function buttonProblems(node: Json, where: string): string[] {
  const problems: string[] = [];
  if (node.type !== undefined && !BUTTON_TYPES.includes(String(node.type)))
    problems.push(`${where}: button type "${String(node.type)}" is not one of ${BUTTON_TYPES.join('/')}`);
  if (node.size !== undefined && !BUTTON_SIZES.includes(String(node.size)))
    problems.push(`${where}: button size "${String(node.size)}" is not one of ${BUTTON_SIZES.join('/')}`);
  if (node.width !== undefined && node.width !== 'default' && node.width !== 'fill' && (pixels(String(node.width)) ?? 0) < 100)
    problems.push(`${where}: button width "${String(node.width)}" must be default, fill or at least 100px`);
  const text = isJson(node.text) && typeof node.text.content === 'string' ? node.text.content : '';
  if ([...text].length > MAX_BUTTON_TEXT) problems.push(`${where}: button text is over ${MAX_BUTTON_TEXT} characters`);
  if (node.form_action_type === undefined) {
    if (!Array.isArray(node.behaviors) || node.behaviors.length === 0) problems.push(`${where}: a button outside a form needs behaviors`);
    else
      for (const behavior of node.behaviors)
        if (!isJson(behavior) || !BEHAVIORS.includes(String(behavior.type)))
          problems.push(`${where}: behavior type must be one of ${BEHAVIORS.join('/')}`);
  }
  return problems;
}

function columnProblems(node: Json, where: string): string[] {
  if (node.width === undefined || node.width === 'auto' || node.width === 'weighted') return [];
  const width = pixels(String(node.width));
  return width !== undefined && width >= 16 && width <= 600
    ? []
    : [`${where}: column width "${String(node.width)}" must be auto, weighted or 16px-600px`];
}

/** Problems with one element's values (its properties were checked already). */
export function elementValueProblems(node: Json, tag: string, where: string): string[] {
  if (tag === 'button') return buttonProblems(node, where);
  if (tag === 'column') return columnProblems(node, where);
  return [];
}
