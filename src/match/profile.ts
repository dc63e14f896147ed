import { placeStem } from '../ingest/index.js';
import { FIELD_CLASSES, WHO_CLASSES, classesIn } from './profile-words.js';

/** Where an entrepreneur stands: 筹备 (planning to start), 初创 (just started), 成长 (running and growing). */
export type Stage = '筹备' | '初创' | '成长';

/** What one sentence says about an entrepreneur; a part the sentence does not say is absent. */
export interface Profile {
  place?: string;
  who: string[];
  industry: string[];
  stage?: Stage;
}

const PLACE_BEFORE_VERB =
  /[在来到回去于]([\u4e00-\u9fa5]{2,8}?)(?:开办|创办|创建|开|创业|办|注册|做|落户|成立|经营|运营|搞|干|发展|工作|就业|找|有|的)/;
const ADMIN_PLACE = /(?:^|[在来到回去于])([\u4e00-\u9fa5]{2,6}?(?:省|市|区|县))/;
const NOT_PLACE = /^(?:这里|那里|本地|当地|家里|网上|线上|农村|乡村|村里|城里|学校|公司|园区|小区|社区)$/;

/** The most specific known place the sentence names (海门 over 南通 in 「南通海门」), else a place by its shape. */
function placeOf(sentence: string, knownPlaces: string[]): string | undefined {
  const known = knownPlaces.flatMap((place) => [place, placeStem(place)]).filter((name) => sentence.includes(name));
  const specific = known.sort((left, right) => sentence.lastIndexOf(right) - sentence.lastIndexOf(left) || right.length - left.length)[0];
  if (specific) return specific;
  const named = PLACE_BEFORE_VERB.exec(sentence)?.[1] ?? ADMIN_PLACE.exec(sentence)?.[1];
  return named && !NOT_PLACE.test(named) ? named : undefined;
}

function stageOf(sentence: string): Stage | undefined {
  if (/已经|经营了|开了\s*\d|做了\s*\d|扩大|扩张|第[二三四五]年/.test(sentence)) return '成长';
  if (/刚开|刚成立|刚注册|初创|刚起步|起步阶段/.test(sentence)) return '初创';
  if (/想|准备|打算|计划|筹备|要开|想开/.test(sentence)) return '筹备';
  return undefined;
}

/**
 * Reads 「我是刚毕业的大学生，想在南浔开一家文创工作室」 as {place: 南浔, who: [大学生],
 * industry: [文创], stage: 筹备}. `knownPlaces` (the places the documents cover) are found first.
 */
export function readProfile(sentence: string, knownPlaces: string[] = []): Profile {
  const place = placeOf(sentence, knownPlaces);
  const stage = stageOf(sentence);
  return {
    ...(place ? { place } : {}),
    who: classesIn(sentence, WHO_CLASSES).map((profileClass) => profileClass.name),
    industry: classesIn(sentence, FIELD_CLASSES).map((profileClass) => profileClass.name),
    ...(stage ? { stage } : {}),
  };
}
