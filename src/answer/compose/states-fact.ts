import { searchForm } from '../../text/index.js';
import type { Asked } from '../read-question.js';

const CHINESE_NUMBER = '[一二三四五六七八九十两百千万]';
// What a sentence stating each kind of fact contains. Kinds absent here (lists, definitions,
// attributes) are stated by any passage about the subject.
const STATES: Partial<Record<Asked, RegExp>> = {
  money: new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:万元|亿元|千元|元|万|亿)|${CHINESE_NUMBER}+\\s*(?:万元|亿元|元)`),
  ratio: /\d+(?:\.\d+)?\s*%|百分之|\d+\s*\/\s*\d+|[一二三四五六七八九十]成|[一二三四五六七八九十]分之/,
  phone: /(?:\d{3,4}[-－—\s]?)?\d{7,8}|1[3-9]\d{9}|400[-\s]?\d{3}[-\s]?\d{4}|@[\w.-]+\.\w+/,
  duration: new RegExp(`(?<![\\d年])(?:\\d{1,2}|${CHINESE_NUMBER}{1,2})\\s*(?:年|个月|周|天)(?![底度级代])`),
  count: new RegExp(`\\d|${CHINESE_NUMBER}+\\s*(?:个|家|名|项|人|场|次|所|位|户|类|批|条)`),
  time: /\d{1,4}\s*[年月日号]|\d{1,2}月|季度|上半年|下半年|年底|年初|全年|待定|每年|月底|月初/,
  person: /[\u4e00-\u9fa5]{1,3}(?:兼任|担任|任)|(?:姓名|主理人|负责人|联系人)=|局长|主任|组长|书记|部长|区长|市长|总经理|董事长/,
  department: /局|部|办|委|中心|集团|公司|政府|单位|机构|协会|联合会|管委会|银行|学院|大学/,
  'issued-date': /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}/,
};

/** The name people read for each kind of fact in a refusal: 「文件中没有写明…的咨询电话」. */
export const ASKED_NAMES: Partial<Record<Asked, string>> = {
  money: '具体金额或补贴标准',
  ratio: '具体比例',
  phone: '联系电话或联系方式',
  duration: '具体年限或期限',
  count: '具体数量',
  time: '具体时间',
  person: '具体人员',
  department: '负责单位',
  procedure: '办理流程和申请条件',
  'issued-date': '印发日期',
  'doc-number': '文号',
  issuer: '发文单位',
  period: '执行期限',
  validity: '执行期限',
};

/** Whether a text states a fact of the asked kind (an amount for money, digits for a phone…). */
export function statesFact(kind: Asked, text: string): boolean {
  const pattern = STATES[kind];
  return pattern ? pattern.test(searchForm(text)) : true;
}

/** Kinds whose absence makes an answer no answer: the documents must state them, or we refuse. */
export const STRICT_KINDS: ReadonlySet<Asked> = new Set(['money', 'ratio', 'phone', 'duration', 'person']);
