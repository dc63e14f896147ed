/** What a short social message asks for: the help text, or a greeting (answered with the help too). */
type SmallTalk = 'help' | 'greeting';

const HELP = new Set(['帮助', '求助', 'help', '怎么用', '如何使用', '使用说明', '你能做什么', '你会什么', '你可以做什么']);
const GREETING = new Set([
  '你好',
  '您好',
  '嗨',
  '哈喽',
  'hi',
  'hello',
  'hey',
  '在吗',
  '在么',
  '早上好',
  '下午好',
  '晚上好',
  '你好呀',
  '您好呀',
]);

/** Drops polite filler and end punctuation so 「你好！」 and 「帮助一下」 match as 你好 and 帮助. */
function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^(请问|请)/, '')
    .replace(/[\s!！。.~～,，、?？]+$/u, '')
    .replace(/(一下|下)$/, '')
    .replace(/^[\s!！,，]+/u, '');
}

/**
 * Recognises a greeting or a request for help, so it is answered with what the bot can do instead of
 * being searched as a question (帮助 used to find an unrelated passage). Anything longer is a question.
 */
export function smallTalk(text: string): SmallTalk | undefined {
  if (/^\s*[?？]\s*$/u.test(text)) return 'help';
  const word = normalise(text);
  if (word === '' || word.length > 8) return undefined;
  if (HELP.has(word)) return 'help';
  if (GREETING.has(word)) return 'greeting';
  return undefined;
}
