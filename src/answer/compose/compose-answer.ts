import type { RetrievedPassage } from '../../retrieve/index.js';
import { fieldListAnswer, listAnswer } from '../list-answer.js';
import { DOCUMENT_KINDS, type QuestionReading } from '../read-question.js';
import { comparisonAnswer } from './comparison-answer.js';
import type { Composed } from './composed.js';
import { documentAnswer, type FactsBySource } from './document-answer.js';
import { measuresAnswer } from './measures-answer.js';
import { personAnswer } from './person-answer.js';
import { MAX_ANSWER_CHARS, unitAnswer } from './unit-answer.js';

/** Everything composing one answer needs: the question read, its passages, document facts, today. */
interface ComposeInput {
  question: string;
  reading: QuestionReading;
  passages: RetrievedPassage[];
  facts: FactsBySource;
  today: Date;
}

function bounded(composed: Composed): Composed {
  return composed.answer.length <= MAX_ANSWER_CHARS
    ? composed
    : { ...composed, answer: `${composed.answer.slice(0, MAX_ANSWER_CHARS - 1)}…` };
}

/**
 * One answer for each kind of question: document facts from the front matter, people by role, lists
 * complete or counted, support measures with their lead departments, else the best sentences or
 * records said plainly, refusing when a strictly asked fact is stated nowhere.
 */
export function composeAnswer({ question, reading, passages, facts, today }: ComposeInput): Composed {
  const documentKinds = reading.asks.filter((kind) => DOCUMENT_KINDS.has(kind));
  if (documentKinds.length > 0) {
    const answered = documentAnswer(reading, documentKinds, passages, facts, today);
    if (answered) return bounded(answered);
  }
  if (reading.asks.includes('comparison')) {
    const compared = comparisonAnswer(question, reading, passages);
    if (compared) return bounded(compared);
  }
  // 「都由谁来运营？」「各…分别多大？」「…的配合部门有哪些？」: one column of every row, before any single row, person or list
  const across = fieldListAnswer(question, reading.subject, passages);
  if (across) return bounded({ answerable: true, ...across });
  if (reading.asks.includes('person')) {
    const people = personAnswer(reading, passages);
    if (people) return bounded(people);
  }
  if (reading.asks.includes('list')) {
    const listed = listAnswer(question, reading.subject, passages);
    if (listed) return bounded({ answerable: true, ...listed });
  }
  if (reading.asks.includes('eligibility')) {
    const measures = measuresAnswer(reading, passages);
    if (measures) return bounded(measures);
  }
  return bounded(unitAnswer(question, reading, passages));
}
