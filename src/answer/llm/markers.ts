/** What the model says when the passages do not answer the question (prompts/refusal.txt). */
export const REFUSAL_SIGNAL = '【文件未涉及】';

// [1], [1][2], [1, 2], [1、3], [1-3], 【1】, ［1］: every form models write, turned into [1][2][3].
const ANY_MARKER = /[[【［]\s*(\d{1,2}(?:\s*[,，、\-–~]\s*\d{1,2})*)\s*[\]】］]/g;
const CANONICAL_MARKER = /\[(\d+)\]/g;
const UNCLOSED_BRACKET = /[[【［][^\]】］\n]{0,12}$/;
const THINKING = /<think>[\s\S]*?(?:<\/think>|$)/g;

/** Rewrites every marker form to canonical `[n]` markers, one number each. */
export function normalizeMarkers(text: string): string {
  return text.replace(ANY_MARKER, (_whole, list: string) => {
    const numbers: number[] = [];
    for (const part of list.split(/\s*[,，、]\s*/)) {
      const [from, to] = part.split(/\s*[-–~]\s*/).map(Number);
      if (from === undefined || !Number.isFinite(from)) continue;
      const last = to !== undefined && Number.isFinite(to) && to >= from && to - from < 10 ? to : from;
      for (let number = from; number <= last; number += 1) numbers.push(number);
    }
    return numbers.map((number) => `[${number}]`).join('');
  });
}

/** Passage numbers cited by canonical markers, in order of appearance. */
export function markerNumbers(text: string): number[] {
  return [...text.matchAll(CANONICAL_MARKER)].map((match) => Number(match[1]));
}

/** Text without its canonical markers. */
export function withoutMarkers(text: string): string {
  return text.replace(CANONICAL_MARKER, '');
}

/**
 * Renumbers valid markers by first use (so `[1]` in the answer is the first citation) and drops
 * the others; `order` lists the passage numbers behind citations 1, 2, ….
 */
export function renumberMarkers(text: string, isValid: (number: number) => boolean): { text: string; order: number[] } {
  const order: number[] = [];
  const renumbered = text.replace(CANONICAL_MARKER, (_whole, digits: string) => {
    const number = Number(digits);
    if (!isValid(number)) return '';
    if (!order.includes(number)) order.push(number);
    return `[${order.indexOf(number) + 1}]`;
  });
  return { text: renumbered.replace(/(\[\d+\])\1+/g, '$1'), order };
}

/** Whether the model used its "not in the documents" signal (also without the brackets). */
export function containsRefusalSignal(text: string): boolean {
  return text.replace(/\s+/g, '').includes(REFUSAL_SIGNAL.slice(1, -1));
}

/** Removes reasoning blocks some models (Qwen3, DeepSeek-R1 on Ollama) put into the content. */
export function stripThinking(text: string): string {
  return text.replace(THINKING, '');
}

/** Cuts a marker or signal still being streamed (`[1`, `【文件`) off the end of partial text. */
export function withoutUnclosedBracket(text: string): string {
  return text.replace(UNCLOSED_BRACKET, '');
}
