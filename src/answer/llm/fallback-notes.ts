import { ModelError, type ModelErrorCode } from './model-error.js';

const FALLBACK = '以下为文件原文摘录的答案。';

const BY_CODE: Record<ModelErrorCode, string> = {
  timeout: '大模型响应超时',
  connection: '无法连接大模型服务',
  'rate-limited': '大模型服务繁忙（限流）',
  server: '大模型服务出错',
  rejected: '大模型服务拒绝了请求',
  'malformed-output': '大模型返回的内容无法解析',
  'empty-output': '大模型没有返回内容',
  aborted: '大模型调用被取消',
};

/** The short note a user sees when the model failed and the extractive answer stands in. */
export function modelFailureNote(error: unknown): string {
  const reason = error instanceof ModelError ? BY_CODE[error.code] : '大模型回答出错';
  return `${reason}，${FALLBACK}`;
}

/** The note when the model answered but its answer did not pass checking. */
export function unusableAnswerNote(reason: 'empty' | 'leak' | 'unsupported'): string {
  const why = reason === 'empty' ? '大模型没有返回内容' : reason === 'leak' ? '大模型的回答未通过安全检查' : '大模型的回答无法在文件中核实';
  return `${why}，${FALLBACK}`;
}

/** The note when some sentences of the model's answer were dropped for lack of support. */
export function droppedSentencesNote(count: number): string {
  return `已删去 ${count} 句无法在文件中核实的内容。`;
}
