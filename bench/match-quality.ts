// `npm run bench` (also alone: `npx tsx bench/match-quality.ts`): precision and recall of matching for
// the five written profiles of test/support/match-profiles.ts on the seeds, and the uncovered place.
import { matchMeasures, readProfile } from '../src/match/index.js';
import { PROFILES, precisionRecall } from '../test/support/match-profiles.js';
import { seedDocuments, seedPlaces } from '../test/support/seed-measures.js';

const documents = seedDocuments();
const places = seedPlaces(documents);
const today = new Date();
const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
};

for (const { sentence, expected } of PROFILES) {
  const matched = matchMeasures(readProfile(sentence, places), documents, today).measures.map((measure) => measure.id);
  const { precision, recall } = precisionRecall(matched, expected);
  const missed = expected.filter((id) => !matched.includes(id)).map((id) => id.replace(/^(\d+)_\w+\.txt/, '$1'));
  const extra = matched.filter((id) => !expected.includes(id)).map((id) => id.replace(/^(\d+)_\w+\.txt/, '$1'));
  const detail = [missed.length > 0 && `missed ${missed.join(' ')}`, extra.length > 0 && `extra ${extra.join(' ')}`]
    .filter(Boolean)
    .join('; ');
  line(
    `match: ${sentence}`,
    `P ${precision.toFixed(2)} R ${recall.toFixed(2)} (${matched.length} matched, ${expected.length} expected${detail ? `; ${detail}` : ''})`,
  );
}
const uncovered = matchMeasures(readProfile('我想在杭州西湖区开一家奶茶店', places), documents, today);
line('match: 我想在杭州西湖区开一家奶茶店', `${uncovered.measures.length} matched; ${uncovered.notes[0] ?? ''}`);
