// What the Feishu client sends when a person presses a form's submit button: the button's name and
// callback value, and `form_value` with each named field's current choice (its initial_option unless
// the person picked another). A choice that is not one of the select's options cannot be made; a
// required field left empty stops the submit in the client, so no callback is sent at all.
import { isJson, type Json } from './router.js';

/** The callback's `action` for a form submit, or why the client would not send one. */
export type FormSubmission = { action: Json; value: Json } | { blocked: string };

function nodes(root: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(root)) return root.forEach((child) => nodes(child, visit));
  if (!isJson(root)) return;
  visit(root);
  for (const key of ['elements', 'columns']) nodes(root[key], visit);
}

/** Builds the submit callback's action from the card as shown and the person's choices (by field name). */
export function formSubmission(card: Json | undefined, choices: Record<string, string>): FormSubmission {
  const body = isJson(card) && isJson(card.body) ? card.body.elements : undefined;
  const form = Array.isArray(body) ? body.find((element): element is Json => isJson(element) && element.tag === 'form') : undefined;
  if (!form) return { blocked: 'the card has no form' };
  const formValue: Json = {};
  let button: Json | undefined;
  const problems: string[] = [];
  nodes(form.elements, (node) => {
    if (node.tag === 'button' && node.form_action_type === 'submit') button = node;
    if (node.tag !== 'select_static' || typeof node.name !== 'string') return;
    const options = Array.isArray(node.options)
      ? node.options.flatMap((option) => (isJson(option) && typeof option.value === 'string' ? [option.value] : []))
      : [];
    const chosen = choices[node.name] ?? (typeof node.initial_option === 'string' ? node.initial_option : undefined);
    if (chosen !== undefined && !options.includes(chosen)) problems.push(`"${chosen}" is not an option of ${node.name}`);
    else if (chosen !== undefined) formValue[node.name] = chosen;
    else if (node.required === true) problems.push(`${node.name} is required`);
  });
  for (const name of Object.keys(choices))
    if (!(name in formValue) && !problems.some((problem) => problem.includes(name))) problems.push(`no field named ${name}`);
  if (problems.length > 0) return { blocked: problems.join('; ') };
  if (!button) return { blocked: 'the form has no submit button' };
  const behavior = Array.isArray(button.behaviors)
    ? button.behaviors.find((entry) => isJson(entry) && entry.type === 'callback')
    : undefined;
  const value = isJson(behavior) && isJson(behavior.value) ? behavior.value : {};
  return { action: { tag: 'button', name: String(button.name ?? ''), value, form_value: formValue }, value };
}
