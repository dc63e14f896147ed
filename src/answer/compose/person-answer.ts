import type { RetrievedPassage } from '../../retrieve/index.js';
import { citationOf } from '../citation.js';
import type { QuestionReading } from '../read-question.js';
import type { Composed } from './composed.js';

const MAX_PEOPLE = 8;

/** The role a person record holds in its list: the group closing its text (（…领导小组副组长）). */
function roleOf(text: string): string | undefined {
  return /(副组长|组长|副主任|主任|成员|召集人)）$/.exec(text)?.[1];
}

/**
 * People with the asked role in a leadership list: 组长, 副组长, 成员 and 主任 told apart, each
 * with name and post, cited record by record.
 */
export function personAnswer(reading: QuestionReading, passages: RetrievedPassage[]): Composed | undefined {
  const role = reading.role;
  if (!role) return undefined;
  const people = passages.filter((passage) => passage.chunk.kind === 'person' && roleOf(passage.chunk.text) === role);
  if (people.length === 0) return undefined;
  const shown = people.slice(0, MAX_PEOPLE);
  const names = shown.map(({ chunk }) => {
    const [name, ...post] = chunk.text.replace(/（[^（）]*）$/, '').split('，');
    return `${name}（${post.join('，')}）`;
  });
  const list = shown[0]?.chunk.sectionPath.at(-1) ?? '';
  const more = people.length > MAX_PEOPLE ? `等${people.length}人` : '';
  return {
    answerable: true,
    answer: `${list ? `${list}` : ''}${role}：${names.join('、')}${more}。`,
    citations: shown.map((passage) => citationOf(passage, passage.chunk.text)),
  };
}
