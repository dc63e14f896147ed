import { words } from '../text/index.js';

// Question scaffolding carries no topic: 多少、哪些、是什么… must not count as evidence.
const QUESTION_WORDS = new Set(
  (
    '的 了 是 在 有 和 与 及 或 吗 呢 吧 啊 么 什么 多少 哪些 哪个 哪里 哪儿 哪 谁 怎么 怎样 如何 为什么 几 ' +
    '是否 能否 可以 能 要 会 请问 请 一下 我 我们 你 你们 它 他 她 这 那 这个 那个 这些 那些 其 之 为 被 把 对 ' +
    '从 到 给 让 向 就 都 也 还 又 再 已 已经 目前 现在 具体 主要 一个 哪一 有没有 是不是 告诉 知道 想 问 ' +
    '需要 应该 时候 情况 方面 相关 关于 有关 内容 问题 指 指的 分别 一共 共 总共 计划 要求 打算 ' +
    '哪一天 哪一年 哪年 哪天 哪些地方 哪个地方 哪些方面 什么样 什么时间 时间段 截至 将 于 包括 进行 内 中 方式 以 哪家 哪位 多久 多大'
  ).split(' '),
);

/** Content words of a question (jieba), without question scaffolding or punctuation. */
export function keyTerms(question: string): string[] {
  const seen = new Set<string>();
  for (const word of words(question)) {
    const term = word.trim();
    if (term === '' || QUESTION_WORDS.has(term) || !/[\p{L}\p{N}]/u.test(term)) continue;
    seen.add(term);
  }
  return [...seen];
}
