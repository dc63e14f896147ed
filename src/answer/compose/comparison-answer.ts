import { formatSection } from '../../ingest/index.js';
import type { RetrievedPassage } from '../../retrieve/index.js';
import { mentionsName } from '../../text/index.js';
import { citationOf } from '../citation.js';
import type { QuestionReading } from '../read-question.js';
import type { ComparisonRow } from '../types.js';
import type { Composed } from './composed.js';
import { sayUnit } from './unit-answer.js';
import { rankedUnits } from './units.js';

const LINE_CHARS = 110;
const NOT_COVERED = '现有文件中没有找到相关内容。';

/**
 * A side-by-side answer for a question naming several places or documents: the evidence is
 * gathered per place, and each place gets one cited line (or is named as not covered).
 */
export function comparisonAnswer(question: string, reading: QuestionReading, passages: RetrievedPassage[]): Composed | undefined {
  const places = reading.places.filter((place) => !/^\d{4}$/.test(place));
  if (places.length < 2) return undefined;
  const others = (place: string) => places.filter((other) => other !== place);
  const lines = places.map((place) => {
    const own = passages.filter(({ chunk }) => mentionsName(`${chunk.title}${chunk.sectionPath.join('')}${chunk.text}`, place));
    const focused = {
      ...reading,
      places: [place],
      subject: reading.subject.filter((term) => !others(place).some((other) => mentionsName(term, other))),
    };
    const best = rankedUnits(question, focused, own, own.length)[0];
    return { place, best };
  });
  if (lines.every((line) => !line.best)) return undefined;
  const rows: ComparisonRow[] = lines.map(({ place, best }) => {
    if (!best) return { place, offer: NOT_COVERED, source: '', title: '', section: '' };
    const { chunk } = best.passage;
    return {
      place,
      offer: sayUnit(best, question, reading),
      source: chunk.source,
      title: chunk.title,
      section: formatSection(chunk.sectionPath),
    };
  });
  const text = rows.map(({ place, offer }) => `${place}：${offer.length > LINE_CHARS ? `${offer.slice(0, LINE_CHARS - 1)}…` : offer}`);
  return {
    answerable: true,
    answer: text.join('\n'),
    citations: lines.flatMap(({ best }) => (best ? [citationOf(best.passage, best.text)] : [])),
    comparison: rows,
  };
}
