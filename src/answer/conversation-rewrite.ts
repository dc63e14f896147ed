import { keyTerms } from '../retrieve/index.js';
import { placeNames } from '../text/index.js';

// 「它的牵头部门是谁？」「其责任单位是哪个？」: a pronoun standing for the previous subject.
const PRONOUN = /^(?:那么?|那)?\s*(它们|它|其|该项|该|这个|那个|这项|此项|上述|这)(?=.)/;
// 「那南浔呢？」「还有上虞的呢？」: the same question about something else.
const OTHER_SUBJECT = /^(?:那么?|还有|另外)\s*(.{1,24}?)(?:的情况|的)?\s*(?:呢|怎么样|如何|又如何)?\s*[？?。！!]*$/;
const SHORT_OTHER_SUBJECT = /^(.{1,8}?)(?:的情况|的)?\s*呢\s*[？?]*$/;
const QUESTION_WORD = /多少|什么|哪|谁|几|是否|怎么|如何|吗|为何|为什么/;
const SHORT_QUESTION = 8;
const LEADING_WORDS = 2;

/** What a question is about: 「X的…」, else the place it names, else its leading words. */
export function topicOf(query: string): string | undefined {
  const possessor = /^(.{2,20}?)的/.exec(query)?.[1];
  if (possessor && !QUESTION_WORD.test(possessor) && !PRONOUN.test(possessor)) return possessor;
  const place = placeNames(query)[0];
  if (place) return place;
  // Without a part-of-speech tagger, the subject is taken as the first one or two words.
  let leading = '';
  for (const term of keyTerms(query).slice(0, LEADING_WORDS)) {
    if (term.length < 2 || !query.startsWith(leading + term)) break;
    leading += term;
  }
  return leading.length >= 2 ? leading : undefined;
}

/** The other subject a 「那X呢？」 follow-up asks about, if it is one. */
function otherSubject(question: string): string | undefined {
  const subject = (OTHER_SUBJECT.exec(question) ?? SHORT_OTHER_SUBJECT.exec(question))?.[1]?.trim();
  return subject && !QUESTION_WORD.test(subject) ? subject : undefined;
}

/** Whether a question probably leans on the previous turn (worth a model rewrite). */
export function looksLikeFollowUp(question: string): boolean {
  const bare = question.replace(/[？?。！!\s]/g, '');
  return PRONOUN.test(question) || otherSubject(question) !== undefined || bare.length <= SHORT_QUESTION;
}

/**
 * Rewrites a follow-up without a model by carrying over the previous subject: 「那南浔呢？」 asks
 * the previous question about 南浔, 「它的牵头部门是谁？」 puts the previous topic in place of 它.
 * Anything else is returned unchanged.
 */
export function carryOverRewrite(question: string, previousQuery: string): string {
  const pronoun = PRONOUN.exec(question);
  if (pronoun) {
    const topic = topicOf(previousQuery);
    return topic ? topic + question.slice(pronoun[0].length) : `${previousQuery} ${question}`;
  }
  const subject = otherSubject(question);
  if (subject === undefined) return question;
  const replaced = (placeNames(subject).length > 0 ? placeNames(previousQuery)[0] : undefined) ?? topicOf(previousQuery);
  return replaced && previousQuery.includes(replaced) ? previousQuery.replace(replaced, subject) : `${subject} ${previousQuery}`;
}
