/** Who a measure is for, in the words policy texts use; only words found in a text are ever kept. */
export const AUDIENCE_WORDS = [
  '大学生',
  '高校毕业生',
  '毕业生',
  '青年人才',
  '青年',
  '海外留学人员',
  '海外留学人才',
  '留学回国人员',
  '留学人员',
  '留学生',
  '小微企业',
  '中小企业',
  '科技型中小企业',
  '科技型企业',
  '高新技术企业',
  '专精特新',
  '初创企业',
  '在孵企业',
  '链主企业',
  '领军企业',
  '孵化器',
  '孵化载体',
  '众创空间',
  '运营机构',
  '乡村创客',
  '农创客',
  '创客',
  '数字游民',
  '文艺青年',
  '高层次人才',
  '领军型创业团队',
  '创业团队',
  '退役军人',
  '返乡入乡人员',
  '个体工商户',
  '创业导师',
  '科研人员',
] as const;

/** Industry and field words: the 六创 tracks and the sectors the seeds name. */
export const FIELD_WORDS = [
  '科创',
  '数创',
  '商创',
  '文创',
  '乡创',
  '云创',
  '文化创意',
  '文化产业',
  '文旅',
  '乡村旅游',
  '休闲旅游',
  '旅游',
  '非遗',
  '数字经济',
  '互联网+',
  '电子商务',
  '电商',
  '直播',
  '网络直播',
  '人工智能',
  '低空经济',
  '未来产业',
  '未来网络',
  '智能制造',
  '智能装备',
  '先进制造',
  '生物医药',
  '新能源',
  '软件',
  '云计算',
  '集成电路',
  '鞋服',
  '鞋产业',
  '时尚设计',
  '家纺',
  '农业',
  '现代服务',
  '乡村振兴',
  '科技服务',
  '地理信息',
  '北斗',
  '新材料',
  '节能环保',
  '研发',
  '中试',
  '检验检测',
  '成果转化',
  '金融',
  '消费',
] as const;

const PROGRAMME_NAMES = ['大孵化器', '创客中国'];

/**
 * The vocabulary words a text contains, longest first: 「青年人才」 does not also count as 「青年」
 * unless 「青年」 stands elsewhere on its own.
 */
export function wordsIn(text: string, vocabulary: readonly string[]): string[] {
  // Names of programmes and contests are nobody's audience: 「大孵化器集群」 is not about incubators as such.
  let rest = PROGRAMME_NAMES.reduce((masked, name) => masked.split(name).join('\u0000'), text);
  const found: string[] = [];
  for (const word of [...vocabulary].sort((left, right) => right.length - left.length)) {
    if (!rest.includes(word)) continue;
    found.push(word);
    rest = rest.split(word).join('\u0000');
  }
  const order = (word: string): number => text.indexOf(word);
  return found.sort((left, right) => order(left) - order(right));
}

// 州 alone is no suffix here: 湖州市 and 温州市 must not stop at 湖州.
const PLACE = /^([\u4e00-\u9fa5]{2,6}?(?:省|自治区))?([\u4e00-\u9fa5]{1,5}?(?:市|自治州|盟))?([\u4e00-\u9fa5]{1,4}?(?:区|县|旗))?/;
const NOT_A_PLACE = /(?:社|园|景|集聚)区$/;

/** The places a title or issuer opens with: 「温州市鹿城区…」 → [温州市, 鹿城区]; 「南浔区…」 → [南浔区]. */
export function placesOf(name: string): string[] {
  const match = PLACE.exec(name);
  if (!match) return [];
  return [match[1], match[2], match[3]].filter((part): part is string => part !== undefined && part.length >= 2 && !NOT_A_PLACE.test(part));
}

/** A place name without its 省/市/区/县 suffix, how people say it: 南浔区 → 南浔. */
export function placeStem(place: string): string {
  const stem = place.replace(/(?:省|自治区|市|自治州|州|盟|区|县|旗|新区|街道|镇)$/, '');
  return stem.length >= 2 ? stem : place;
}
