import { knownPlaces, matchMeasures, readProfile, type MatchResult } from '../../match/index.js';
import type { Runtime } from '../../app/index.js';
import { servedDocuments } from './measures-command.js';

function readable(result: MatchResult): string {
  const { place, who, industry, stage } = result.profile;
  const profile = `画像：地点 ${place ?? '未说明'}；身份 ${who.join('、') || '未说明'}；行业 ${industry.join('、') || '未说明'}；阶段 ${stage ?? '未说明'}`;
  const measures = result.measures.map(
    (measure, position) =>
      `${position + 1}. 《${measure.title}》${measure.section}\n   牵头：${measure.lead.join('、') || '未写明'}；执行期：${measure.period || '未写明'}；状态：${measure.status}\n   原文：「${measure.quote}」`,
  );
  return [profile, ...measures, ...result.notes.map((note) => `※ ${note}`)].join('\n');
}

/** `match [--json] "描述"`: the measures that fit one sentence about an entrepreneur, best first. */
export async function matchCommand(runtime: Runtime, sentence: string, json: boolean, today: Date): Promise<number> {
  const documents = await servedDocuments(runtime);
  const result = matchMeasures(readProfile(sentence, knownPlaces(documents)), documents, today);
  if (json) {
    const measures = result.measures.map(({ source, title, section, text, lead, period, status, quote }) => ({
      source,
      title,
      section,
      text,
      lead,
      period,
      status,
      quote,
    }));
    process.stdout.write(`${JSON.stringify({ profile: result.profile, measures, notes: result.notes })}\n`);
  } else process.stdout.write(`${readable(result)}\n`);
  return 0;
}
