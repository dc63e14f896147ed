/** Whether a question is written in another language than Chinese (mostly Latin letters, few Han characters). */
export function isForeignQuestion(question: string): boolean {
  const han = (question.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latinWords = question.match(/[A-Za-z]{2,}/g) ?? [];
  return latinWords.length >= 2 && han * 4 < latinWords.join('').length;
}

/**
 * The refusal of a question in another language, in Chinese and in English: the documents are
 * Chinese, so ask in Chinese. Translating key terms through the dense model's cross-lingual
 * neighbours was measured and answered 0 of 10 English paraphrases correctly (confident wrong
 * facts), so no answer is attempted.
 */
export function foreignRefusal(): string {
  return '现有文件均为中文，未能根据您的问题找到答案，请用中文提问，例如「南通计划打造多少个众创社区？」。\nThe documents are in Chinese and no answer was found for this question. Please ask in Chinese.';
}
