import type { Profile } from '../../match/index.js';
import type { CardJson } from '../../cards/index.js';
import { card, markdown, plainText, type CardElement } from '../../cards/index.js';

/** The form's field names: also the keys of `form_value` in the submit callback. */
const FORM_FIELDS = { place: 'place', who: 'who', industry: 'industry', stage: 'stage' } as const;
const FORM_NAME = 'match_form';
export const SUBMIT_ACTION = 'match-submit';

/** What the selects offer: the places the documents cover, the identities, fields and stages matching knows. */
export interface FormChoices {
  places: string[];
  who: string[];
  industries: string[];
  stages: string[];
}

function select(name: string, placeholder: string, values: string[], initial?: string): CardElement {
  return {
    tag: 'select_static',
    name,
    placeholder: { tag: 'plain_text', content: placeholder },
    width: 'fill',
    options: values.map((value) => ({ text: { tag: 'plain_text', content: value }, value })),
    // a remembered choice the documents no longer offer is left unselected, not sent as an unknown option
    ...(initial !== undefined && values.includes(initial) ? { initial_option: initial } : {}),
  };
}

/**
 * `/match`: a Card JSON 2.0 form container with a select for district, identity, field and stage,
 * prefilled from the person's saved profile, and one submit button (its click carries `form_value`).
 */
export function matchFormCard(choices: FormChoices, saved?: Profile): CardJson {
  const lead = saved ? '已按您上次提交的条件预填，可修改后重新匹配。' : '选择您的情况，我会从已收录的政策文件中找出适用的措施。';
  return card({
    title: '政策匹配',
    color: 'blue',
    summary: '政策匹配：选择您的情况',
    elements: [
      markdown(lead),
      {
        tag: 'form',
        name: FORM_NAME,
        elements: [
          select(FORM_FIELDS.place, '所在地区', choices.places, saved?.place),
          select(FORM_FIELDS.who, '身份', choices.who, saved?.who[0]),
          select(FORM_FIELDS.industry, '行业', choices.industries, saved?.industry[0]),
          select(FORM_FIELDS.stage, '阶段', choices.stages, saved?.stage),
          {
            tag: 'button',
            name: 'match_submit',
            text: { tag: 'plain_text', content: '匹配政策' },
            type: 'primary',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { action: SUBMIT_ACTION } }],
          },
        ],
      },
      plainText('提交即保存这些条件，下次私聊发送 /match 时预填；发送 /match forget 可删除。', { grey: true, small: true }),
    ],
  });
}
