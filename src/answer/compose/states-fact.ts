import { searchForm } from '../../text/index.js';
import type { Asked } from '../read-question.js';

const CHINESE_NUMBER = '[一二三四五六七八九十两百千万]';
/**
 * A named organisation, by its suffix: 公安部 and 宣传部 but not 部门, 部署, 干部, 全部; 科技局 but not
 * 格局, 布局, 局部; 国资办 and 人才办 but not 一证通办 or 办事; a service or data 中心 but not 以人民为中心; or a
 * record's 责任单位= / 牵头部门= field. Generic words (有关部门, 各单位, 金融机构) name nobody.
 */
const ORGANISATION = new RegExp(
  [
    '(?<![干全内外局头底东西南北中上下后前总本细])部(?![门分署位件长队])',
    '(?<![格布大全结开当胜时政骗])局(?![部面势限])',
    '厅(?![堂])',
    '委员会',
    '(?<![主])委(?![托屈员婉])',
    '办公室',
    '(?:人才|国资|金融|政府|外事|外|侨|台|网信|编|农|文明|扶贫|督查|信访|综治|法制|应急|口岸|招商|人防|双创|数改)办(?![理法事公学])',
    '(?:服务|管理|研究|发展|促进|交易|指挥|数据|技术|检测|信息|孵化|创新|人才|活动|展览|文化|体育|医疗|卫生)中心',
    '政府|管委会|集团|公司|协会|联合会|商会|银行|学院|大学|研究院|研究所|医院|法院|检察院|(?:审计|总)署',
    '(?:责任|牵头|主办|承办|运营|实施)(?:单位|部门|主体)[:：=]',
  ].join('|'),
);
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
  // a named body (区科技局, 公安部交通管理局, 市城市集团), not the generic 有关部门 / 各单位 / 金融机构
  department: ORGANISATION,
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
