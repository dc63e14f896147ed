/** One kind of person or field a profile can name: what the profile says, and the document words that count as it. */
export interface ProfileClass {
  name: string;
  /** Words in the entrepreneur's sentence that put them in this class. */
  says: RegExp;
  /** Words in a measure's who or industry that mean the class (the measure's own words, from the ingest vocabulary). */
  documentWords: string[];
}

// Why synonyms at all: people say 刚毕业 and 海归, documents say 高校毕业生 and 留学回国人员.
export const WHO_CLASSES: ProfileClass[] = [
  {
    name: '大学生',
    says: /大学生|毕业生|刚毕业|应届|研究生|本科|大专|在校生/,
    documentWords: ['大学生', '高校毕业生', '毕业生', '青年', '青年人才'],
  },
  { name: '青年人才', says: /青年|年轻人|[23]\d\s*岁/, documentWords: ['青年', '青年人才'] },
  {
    name: '海外留学人员',
    says: /留学|海归|归国|回国/,
    documentWords: ['海外留学人员', '海外留学人才', '留学回国人员', '留学人员', '留学生'],
  },
  { name: '高层次人才', says: /博士|高层次|领军|教授|院士/, documentWords: ['高层次人才', '领军型创业团队', '科研人员'] },
  { name: '小微企业', says: /小微|小企业|小公司|微型企业/, documentWords: ['小微企业', '中小企业', '科技型中小企业'] },
  {
    name: '科技型企业',
    says: /科技型|科技企业|科技公司|高新技术企业|专精特新/,
    documentWords: ['科技型企业', '科技型中小企业', '高新技术企业', '专精特新', '在孵企业'],
  },
  {
    name: '孵化器/众创空间运营机构',
    says: /孵化器|众创空间|孵化载体|运营机构|园区运营|运营.{0,6}空间/,
    documentWords: ['孵化器', '孵化载体', '众创空间', '运营机构'],
  },
  {
    name: '乡村创客',
    says: /乡村|农村|返乡|入乡|回村|农创|村里/,
    documentWords: ['乡村创客', '农创客', '返乡入乡人员', '乡创', '乡村振兴'],
  },
  { name: '退役军人', says: /退役|退伍|转业/, documentWords: ['退役军人'] },
];

export const FIELD_CLASSES: ProfileClass[] = [
  {
    name: '文创',
    says: /文创|文化创意|文化|设计|非遗|艺术|手作|手工/,
    documentWords: ['文创', '文化创意', '文化产业', '非遗', '时尚设计'],
  },
  { name: '文旅', says: /旅游|民宿|文旅|露营/, documentWords: ['文旅', '乡村旅游', '休闲旅游'] },
  { name: '电商', says: /电商|直播|网店|带货|跨境/, documentWords: ['电商', '电子商务', '直播', '网络直播', '商创', '云创'] },
  {
    name: '数字经济',
    says: /软件|互联网|APP|App|app|数字|人工智能|AI|大数据|小程序/,
    documentWords: ['数创', '数字经济', '互联网+', '人工智能', '软件', '云计算'],
  },
  { name: '智能制造', says: /制造|工厂|装备|机器人|设备/, documentWords: ['智能制造', '智能装备', '先进制造'] },
  { name: '生物医药', says: /医药|生物|医疗器械/, documentWords: ['生物医药'] },
  { name: '鞋服', says: /鞋|服装|服饰/, documentWords: ['鞋服', '鞋产业', '时尚设计'] },
  { name: '农业', says: /农业|种植|养殖|农产品|果园|茶园/, documentWords: ['农业', '乡创'] },
  { name: '科创', says: /科技|研发|技术|专利|成果转化/, documentWords: ['科创', '研发', '成果转化', '中试', '检验检测'] },
  { name: '新能源', says: /新能源|光伏|储能|电池/, documentWords: ['新能源'] },
  { name: '低空经济', says: /低空|无人机/, documentWords: ['低空经济'] },
];

/** Words nearly every youth-entrepreneurship item uses: alone they make a weak match. */
export const GENERIC_WORDS: readonly string[] = ['青年', '青年人才'];

/** The classes a sentence names, in class order. */
export function classesIn(sentence: string, classes: ProfileClass[]): ProfileClass[] {
  return classes.filter((profileClass) => profileClass.says.test(sentence));
}
