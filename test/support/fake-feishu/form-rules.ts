// The Card JSON 2.0 form rules as the docs state them (表单容器 form, 下拉选择-单选 select_static, 按钮
// form_action_type): a form sits only at the body's root, holds no table or form, has a name unique in
// the card and a submit button; every interactive component in it has a name unique in the card;
// form_action_type and `required` only work inside a form; select options have unique string values
// and initial_option must be one of them.
import { isJson, type Json } from './router.js';

/** Components a person fills in or clicks: inside a form each needs a `name`. */
const INTERACTIVE = new Set([
  'button',
  'select_static',
  'multi_select_static',
  'input',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'select_img',
]);

/** Where a node sits: inside which form (if any), and the names already used in the card. */
export interface FormScope {
  form?: string;
  names: Set<string>;
}

function optionProblems(node: Json, where: string): string[] {
  const problems: string[] = [];
  if (!Array.isArray(node.options)) return node.initial_option !== undefined ? [`${where}: initial_option without options`] : [];
  const values = new Set<string>();
  node.options.forEach((option, index) => {
    const at = `${where}.options[${index}]`;
    if (!isJson(option)) return void problems.push(`${at} is not an object`);
    for (const key of Object.keys(option)) if (!['text', 'value', 'icon'].includes(key)) problems.push(`unknown property ${at}.${key}`);
    if (!isJson(option.text) || option.text.tag !== 'plain_text' || typeof option.text.content !== 'string')
      problems.push(`${at}.text must be plain_text`);
    if (typeof option.value !== 'string' || option.value === '') problems.push(`${at}.value must be a non-empty string`);
    else if (values.has(option.value)) problems.push(`${at}.value "${option.value}" repeats an option value`);
    else values.add(option.value);
  });
  if (node.initial_option !== undefined && (typeof node.initial_option !== 'string' || !values.has(node.initial_option)))
    problems.push(`${where}: initial_option "${String(node.initial_option)}" is not an option value`);
  return problems;
}

/** Problems of one node under the form rules; `root` is whether it sits directly in body.elements. */
export function formProblems(node: Json, tag: string, where: string, scope: FormScope, root: boolean): string[] {
  const problems: string[] = [];
  if (tag === 'form') {
    if (!root) problems.push(`${where}: a form must sit at the root of body.elements`);
    if (scope.form !== undefined) problems.push(`${where}: a form cannot hold a form`);
    if (typeof node.name !== 'string' || node.name === '') problems.push(`${where}: form name required`);
    const submits = Array.isArray(node.elements) ? JSON.stringify(node.elements).match(/"form_action_type":"submit"/g) : null;
    if (!submits) problems.push(`${where}: a form needs a button with form_action_type "submit"`);
  }
  if (tag === 'table' && scope.form !== undefined) problems.push(`${where}: a form cannot hold a table`);
  if (tag === 'select_static') problems.push(...optionProblems(node, where));
  if (node.form_action_type !== undefined) {
    if (scope.form === undefined) problems.push(`${where}: form_action_type only inside a form`);
    if (node.form_action_type !== 'submit' && node.form_action_type !== 'reset')
      problems.push(`${where}: form_action_type must be submit or reset`);
  }
  if (node.required !== undefined && scope.form === undefined) problems.push(`${where}: required only inside a form`);
  if (scope.form !== undefined && INTERACTIVE.has(tag)) {
    if (typeof node.name !== 'string' || node.name === '') problems.push(`${where}: ${tag} in a form needs a name`);
    if (tag === 'button' && node.form_action_type === undefined) problems.push(`${where}: a button in a form needs form_action_type`);
  }
  // form names and the names of components in forms are unique in the whole card
  if ((tag === 'form' || scope.form !== undefined) && typeof node.name === 'string' && node.name !== '') {
    if (scope.names.has(node.name)) problems.push(`${where}: name "${node.name}" is not unique in the card`);
    scope.names.add(node.name);
  }
  return problems;
}
