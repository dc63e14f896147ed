import { keyTerms } from '../retrieve/index.js';
import { anchorNames, searchForm } from '../text/index.js';

/** What a question asks for: the kind of fact an answer must state. */
export type Asked =
  | 'doc-number'
  | 'issuer'
  | 'issued-date'
  | 'period'
  | 'validity'
  | 'person'
  | 'department'
  | 'time'
  | 'money'
  | 'ratio'
  | 'phone'
  | 'duration'
  | 'count'
  | 'definition'
  | 'list'
  | 'attributes'
  | 'comparison'
  | 'eligibility'
  | 'procedure'
  | 'general';

/** A question read before it is answered: what it asks, about what, where and when. */
export interface QuestionReading {
  /** Kinds asked, in the order the question asks them (「几月？谁牵头？」 → time, department). */
  asks: Asked[];
  /** For person questions, the role asked about (副组长, 组长, 成员, 主任, 主理人…). */
  role?: string;
  /** Content words without question scaffolding. */
  subject: string[];
  /** Names of places and organisations the question is anchored to. */
  places: string[];
  years: string[];
  /** The subject word right before the question word (主题 in 「…的主题是什么」): the attribute asked for. */
  focus?: string;
  /** The asker describes themselves and asks what applies to them (「我是…，想在…开…，有什么政策？」). */
  whatApplies?: boolean;
}

/** Document-level kinds: answered from a document's facts rather than its passages. */
export const DOCUMENT_KINDS: ReadonlySet<Asked> = new Set(['doc-number', 'issuer', 'issued-date', 'period', 'validity']);

const DOCUMENT_WORD = '(?:计划|方案|政策|文件|通知|意见|办法|规定|细则|措施|行动)';
// Each kind is recognised by the wording of its question; order matters only for ties in position.
const PATTERNS: Array<[Asked, RegExp]> = [
  ['doc-number', /文号|发文字号|字号|文件编号/],
  [
    'issuer',
    /(?:哪个|哪家|什么)(?:单位|部门|机关|机构)(?:发|印发|发布|出台|制定|颁布)|谁(?:发|印发|发布|出台|制定)的|发文(?:单位|机关|部门)|(?:发布|印发|制定)(?:单位|机关|机构|部门)|由谁(?:印发|发布|出台)/,
  ],
  [
    'issued-date',
    /(?:哪天|哪一天|什么时候|何时|哪年|几月几日|几号|日期|时间)[^？?]{0,4}(?:印发|发布|发文|出台|成文|签发)|(?:印发|发布|发文|出台|成文|签发)(?:的)?(?:日期|时间|是哪天|是什么时候|于何时)/,
  ],
  [
    'validity',
    /还(?:在|有效|管用|能用)|是否(?:有效|过期|到期|失效|还在)|过期|失效|到期了?吗|执行期内|有效吗|仍然有效|现行有效|还算数|是正式|正式(?:文件|印发)吗|征求意见稿吗/,
  ],
  [
    'period',
    new RegExp(
      `覆盖哪(?:几|些)?年|哪几年|起止(?:时间|年份)?|有效期|执行期|实施期|时间跨度|期限是|${DOCUMENT_WORD}(?:是|为)?(?:哪|几)(?:几)?年(?:的|到)|(?:执行|实施)到(?:哪年|什么时候)|什么时候(?:到期|截止|结束)`,
    ),
  ],
  ['phone', /电话|联系方式|热线|手机号|咨询方式|怎么联系|邮箱/],
  [
    'money',
    /多少钱|多少万|几万|万元|金额|(?:补贴|资助|奖励|补助|扶持|奖补|减免|免收|奖金)(?:标准|多少|金额|额度|力度)|(?:多少|几)(?:补贴|资助|奖励|补助|扶持|奖补|奖金|经费)|资金(?:多少|规模)|费用|多少元/,
  ],
  ['ratio', /比例|占比|百分之|百分比|几成/],
  ['duration', /几年(?!的|计划|方案)|多少年|多久|多长时间|几个月/],
  ['person', /谁(?!牵头|负责的?部门|主办|承办|运营)|姓名|负责人|联系人|组长|主理人|(?:办公室)?主任是|(?:局长|书记|区长|市长)是/],
  [
    'department',
    /哪个(?:部门|单位|局|机构)|哪家(?:单位|机构|公司)|牵头|责任单位|主管部门|配合部门|由谁负责|谁负责|主办|承办|运营(?:主体|方|机构|单位)|谁运营|归谁管/,
  ],
  ['time', /什么时候|何时|哪天|哪一天|哪一?年|几月|几号|什么时间|时间段|时间是|哪个月|日期/],
  ['count', /多少(?:个|家|名|项|人|场|次|所|位|户|平方米|亩)?|几(?:个|家|名|项|场|次|所|位)|数量|规模|有多大|面积/],
  ['definition', /是指|指什么|指的是|什么意思|含义|是什么意思|具体指/],
  ['list', /哪些|哪几|有几[个家项类]|列出|都有什么|清单|名单|包括什么/],
  [
    'eligibility',
    /我(?:们)?(?:是|作为|属于)?[^？?]{0,30}(?:能|可以|可|能够)(?:享受|申请|获得|拿到|得到|领)|有什么(?:支持|政策|补贴|扶持|优惠|帮助|福利)|能得到什么|适合我|给(?:什么|哪些)支持/,
  ],
  [
    'procedure',
    /怎么(?:申请|办理|报名|申报|参加|入驻)|如何(?:申请|办理|报名|申报|参加|入驻)|流程|程序|需要(?:什么|哪些)材料|(?:申请|入驻|申报)条件|去哪(?:里)?(?:申请|办)/,
  ],
  ['comparison', /分别|对比|比较|区别|不同|差异|哪个(?:多|少|大|更)/],
  ['attributes', /有什么|是什么|怎么样|情况|介绍|多大/],
];

// A self-description (我是…, 我们想…, 作为…) and a request for what applies (有什么政策, 能享受哪些…).
const SELF_DESCRIPTION = /我(?:们)?(?:是|刚|已经|准备|打算|想|计划|要|在|家|今年|去年)|本人|作为(?:一[名个家])?/;
const ASKS_WHAT_APPLIES =
  /(?:有|能有|可以有)(?:什么|哪些)(?:政策|支持|补贴|扶持|优惠|帮助|福利|措施)|(?:能|可以|可)(?:享受|申请|获得|拿到|得到)(?:什么|哪些)|(?:什么|哪些)(?:政策|措施|支持)(?:适合|适用|能用|可以用)|适合我|适用于我/;

/** Whether a question describes the asker and asks what applies to them: answered by matching, not by search. */
function asksWhatApplies(question: string): boolean {
  const text = searchForm(question);
  return SELF_DESCRIPTION.test(text) && ASKS_WHAT_APPLIES.test(text);
}

const ASKED_CATEGORY = /(?:哪个|哪家|哪些|什么)(部门|单位|机构|组织)/;

const ROLE = /(副组长|组长|副主任|办公室主任|主任|成员|主理人|召集人|负责人|联系人)/;

function years(question: string): string[] {
  return [...new Set(searchForm(question).match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [])];
}

/** The kinds a question asks, ordered by where their wording first appears. */
function askedKinds(question: string): Asked[] {
  const found = PATTERNS.flatMap(([kind, pattern]) => {
    const match = pattern.exec(question);
    return match ? [{ kind, at: match.index }] : [];
  });
  const kinds = found.sort((left, right) => left.at - right.at).map((entry) => entry.kind);
  // A more specific kind makes a looser one redundant: 「哪个单位发的」 is an issuer, not a department.
  const redundant = new Set<Asked>();
  if (kinds.some((kind) => DOCUMENT_KINDS.has(kind)))
    ['department', 'time', 'count', 'attributes', 'duration'].forEach((kind) => redundant.add(kind as Asked));
  if (kinds.includes('money') || kinds.includes('ratio') || kinds.includes('duration')) redundant.add('count');
  if (kinds.some((kind) => kind !== 'attributes')) redundant.add('attributes');
  if (kinds.includes('eligibility')) redundant.add('list');
  if (kinds.includes('phone')) redundant.add('count');
  if (kinds.includes('period')) redundant.add('list');
  const asks = kinds.filter((kind, index) => !redundant.has(kind) && kinds.indexOf(kind) === index);
  return asks.length > 0 ? asks : ['general'];
}

/**
 * Reads a question: what kind of fact it asks for (an amount, a person, a document's 文号…) and what
 * it is about. Pure; the answer composer and the refusal rules both start from it.
 */
export function readQuestion(question: string): QuestionReading {
  const text = searchForm(question);
  const places = anchorNames(question);
  let asks = askedKinds(text);
  // Two places named with 和/与/、 and asked about together is a comparison (南浔和鹿城…分别…).
  if (places.length >= 2 && /[和与跟及、]|还是|对比|比较/.test(text) && !asks.includes('comparison') && /分别|各|哪个|都/.test(text)) {
    asks = ['comparison', ...asks];
  }
  const role = asks.includes('person') ? ROLE.exec(text)?.[1] : undefined;
  // 「哪个机构…」 asks for a name: the category word is not the topic (it would favour 金融机构, 有关部门)
  const asked = ASKED_CATEGORY.exec(text)?.[1];
  const subject = keyTerms(question).filter((term) => term !== asked);
  const reading: QuestionReading = { asks, subject, places, years: years(question) };
  if (role) reading.role = role;
  const focus = focusOf(text, subject);
  if (focus) reading.focus = focus;
  if (asksWhatApplies(question)) reading.whatApplies = true;
  return reading;
}

const QUESTION_WORD = /是什么|是谁|是哪|有哪些|有什么|在哪|多少|几[个家名项年月]|如何|怎么|什么/;

/** The subject term that ends right before the question word: what is asked about the subject. */
function focusOf(text: string, subject: string[]): string | undefined {
  const match = QUESTION_WORD.exec(text);
  if (!match || match.index === 0) return undefined;
  const longest = (terms: string[]): string | undefined => terms.sort((left, right) => right.length - left.length)[0];
  const before = text.slice(0, match.index).replace(/[的是为在有]+$/, '');
  const asked = longest(subject.filter((term) => before.endsWith(searchForm(term))));
  if (asked) return asked;
  // 「小微企业园有什么奖励？」: what is asked comes after 有什么 / 有哪些
  if (!/^(?:有什么|有哪些|什么|哪些)$/.test(match[0])) return undefined;
  const after = text.slice(match.index + match[0].length).replace(/[？?。!！吗呢\s]+$/, '');
  return longest(subject.filter((term) => after.startsWith(searchForm(term))));
}
