// Card JSON 2.0 as the platform checks it: known properties only (per tag), at most 200 elements and
// 5 tables (each as table-schema.ts checks it), element_id unique, at most 20 characters (letters, digits, underscores, a letter first),
// 30 KB at most; forms and selects as form-rules.ts says. Only the components our cards could use are listed; an unlisted tag is refused too.
import { formProblems, type FormScope } from './form-rules.js';
import { elementValueProblems, headerValueProblems } from './card-values.js';
import { isJson, type Json } from './router.js';
import { tableProblems } from './table-schema.js';

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_ELEMENTS = 200;
export const MAX_TABLES = 5;
export const MAX_ELEMENT_ID = 20;

const COMMON = ['tag', 'element_id', 'margin'];
const TEXT = ['tag', 'content', 'text_color', 'text_size', 'text_align', 'lines', 'i18n_content'];

/** Allowed properties of each object kind. */
const PROPERTIES: Record<string, readonly string[]> = {
  card: ['schema', 'config', 'card_link', 'header', 'body', 'i18n_header', 'i18n_body'],
  config: [
    'streaming_mode',
    'streaming_config',
    'summary',
    'locales',
    'enable_forward',
    'update_multi',
    'width_mode',
    'use_custom_translation',
    'enable_forward_interaction',
    'style',
  ],
  header: ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'],
  body: ['direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align', 'elements'],
  plain_text: TEXT,
  lark_md: TEXT,
  div: [...COMMON, 'width', 'text', 'icon'],
  markdown: [...COMMON, 'content', 'text_align', 'text_size', 'icon', 'i18n_content'],
  hr: COMMON,
  column_set: [...COMMON, 'horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'columns', 'action'],
  column: [
    'tag',
    'element_id',
    'background_style',
    'width',
    'weight',
    'horizontal_spacing',
    'horizontal_align',
    'vertical_align',
    'vertical_spacing',
    'direction',
    'padding',
    'margin',
    'elements',
  ],
  button: [
    ...COMMON,
    'type',
    'size',
    'width',
    'text',
    'icon',
    'hover_tips',
    'disabled',
    'disabled_tips',
    'confirm',
    'behaviors',
    'form_action_type',
    'name',
  ],
  collapsible_panel: [
    ...COMMON,
    'direction',
    'vertical_spacing',
    'horizontal_spacing',
    'vertical_align',
    'horizontal_align',
    'padding',
    'background_color',
    'expanded',
    'border',
    'header',
    'elements',
  ],
  form: [
    ...COMMON,
    'name',
    'elements',
    'direction',
    'horizontal_spacing',
    'vertical_spacing',
    'horizontal_align',
    'vertical_align',
    'padding',
  ],
  select_static: [
    ...COMMON,
    'type',
    'name',
    'required',
    'disabled',
    'placeholder',
    'options',
    'initial_option',
    'initial_index',
    'width',
    'behaviors',
    'confirm',
  ],
  table: [...COMMON, 'page_size', 'row_height', 'row_max_height', 'freeze_first_column', 'header_style', 'columns', 'rows'],
};

/** The config properties (also what the settings API accepts). */
export const PROPERTIES_OF_CONFIG: readonly string[] = PROPERTIES.config ?? [];

/** Why a card is refused (a sentence naming the rule), or undefined when it is valid. */
export function cardProblem(card: unknown, bytes: number): string | undefined {
  if (bytes > MAX_CARD_BYTES) return `card is ${bytes} bytes, over 30 KB`;
  if (!isJson(card) || card.schema !== '2.0') return 'card JSON 2.0 required (schema "2.0")';
  const problems: string[] = [];
  const unknown = (object: Json, kind: string, where: string): void => {
    const allowed = PROPERTIES[kind] ?? [];
    for (const key of Object.keys(object)) if (!allowed.includes(key)) problems.push(`unknown property ${where}.${key}`);
  };
  unknown(card, 'card', 'card');
  if (isJson(card.config)) unknown(card.config, 'config', 'config');
  if (isJson(card.header)) {
    unknown(card.header, 'header', 'header');
    problems.push(...headerValueProblems(card.header));
  }
  if (!isJson(card.body) || !Array.isArray(card.body.elements)) return 'body.elements required';
  unknown(card.body, 'body', 'body');
  let elements = 0;
  let tables = 0;
  const ids = new Set<string>();
  const names = new Set<string>();
  const visit = (node: unknown, where: string, form?: string): void => {
    if (!isJson(node)) return void problems.push(`${where} is not an object`);
    const tag = typeof node.tag === 'string' ? node.tag : '';
    if (!PROPERTIES[tag] || ['card', 'config', 'header', 'body', 'plain_text', 'lark_md'].includes(tag))
      return void problems.push(`${where}: unsupported tag "${tag}"`);
    if (tag !== 'column') elements += 1;
    if (tag === 'table') {
      tables += 1;
      problems.push(...tableProblems(node, where, /^body\.elements\[\d+\]$/.test(where)));
    }
    unknown(node, tag, `${where}<${tag}>`);
    const scope: FormScope = { ...(form !== undefined ? { form } : {}), names };
    problems.push(...formProblems(node, tag, where, scope, /^body\.elements\[\d+\]$/.test(where)));
    const inside = tag === 'form' ? String(node.name) : form;
    problems.push(...elementValueProblems(node, tag, `${where}<${tag}>`));
    if (node.element_id !== undefined) {
      const id = node.element_id;
      if (typeof id !== 'string' || id.length > MAX_ELEMENT_ID || !/^[A-Za-z][A-Za-z0-9_]*$/.test(id))
        problems.push(`${where}: element_id "${String(id)}" must be 1-20 letters, digits or _ starting with a letter`);
      else if (ids.has(id)) problems.push(`${where}: element_id "${id}" is not unique`);
      else ids.add(id);
    }
    for (const key of ['text', 'hover_tips', 'disabled_tips', 'placeholder'])
      if (isJson(node[key])) unknown(node[key], String(node[key].tag), `${where}.${key}`);
    if (isJson(node.header) && isJson(node.header.title))
      unknown(node.header.title, String(node.header.title.tag), `${where}.header.title`);
    if (Array.isArray(node.elements)) node.elements.forEach((child, index) => visit(child, `${where}.elements[${index}]`, inside));
    if (Array.isArray(node.columns) && tag === 'column_set')
      node.columns.forEach((child, index) => visit(child, `${where}.columns[${index}]`, inside));
  };
  card.body.elements.forEach((element, index) => visit(element, `body.elements[${index}]`));
  if (elements > MAX_ELEMENTS) problems.push(`${elements} elements, over ${MAX_ELEMENTS}`);
  if (tables > MAX_TABLES) problems.push(`${tables} tables, over ${MAX_TABLES}`);
  return problems.length > 0 ? problems.join('; ') : undefined;
}
