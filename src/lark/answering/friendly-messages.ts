import { AdminError } from '../../admin/index.js';
import { AnswerError } from '../../answer/index.js';
import { EmbeddingModelMissingError } from '../../embed/index.js';
import { IndexError } from '../../index/index.js';
import { IngestError, OcrError } from '../../ingest/index.js';
import { REMIND_ADD_USAGE, RemindersError } from '../../reminders/index.js';
import { LarkError } from '../errors.js';

/** Every sentence the bot says about a failure; errors become Chinese for people only here, at the channel edge. */
const FAILURE_TEXT = {
  emptyQuestion: '问题为空，请直接输入想查询的政策问题。',
  modelFailed: '回答模型暂时不可用，请稍后再试。',
  indexUnavailable: '知识库暂时不可用（索引未就绪或正在重建），请稍后再试或联系管理员。',
  embeddingMissing: '检索模型尚未就绪，请联系管理员。',
  platformBusy: '飞书接口繁忙，回复可能延迟，请稍后再试。',
  timeout: '查找超时了，请稍后再试，或换个更具体的问法。',
  unknown: '抱歉，处理这个问题时出错了，请稍后再试。',
  remindersUnavailable: '提醒数据暂时无法读写，请稍后再试或联系管理员。',
  calendarBroken: '提醒日历文件有误，已沿用上一版日历，请联系管理员检查。',
  permissionMissing: '机器人缺少所需的飞书权限，请管理员在开发者后台「权限管理」中开通（清单见 docs/feishu.md）并重新发布应用。',
} as const;

/** The platform's code for an API whose scope the app was not granted. */
const SCOPE_MISSING_CODE = 99991672;

/** How the reminder commands are written, for usage replies. */
const REMINDER_COMMAND_USAGE = [
  `- 添加：${REMIND_ADD_USAGE}`,
  '- 删除：/remind remove 编号',
  '- 暂停 / 恢复：/remind pause 编号，/remind resume 编号',
  '- 查看本群提醒及编号：/reminders',
].join('\n');

/** One Chinese sentence (or a usage block) per RemindersError code a chat command can meet. */
export function remindersMessage(error: RemindersError, id?: string): string {
  switch (error.code) {
    case 'invalid-command':
      return `没看懂这条提醒命令。用法：\n${REMINDER_COMMAND_USAGE}`;
    case 'time-in-past':
      return '这个时间已经过去了，请换一个将来的时间。';
    case 'unknown-entry':
      return `没有编号为「${id ?? ''}」的提醒。发送 /reminders 查看本群的提醒及编号。`;
    case 'calendar-invalid':
      return FAILURE_TEXT.calendarBroken;
    default:
      return FAILURE_TEXT.remindersUnavailable;
  }
}

const UPLOAD_FORMATS = 'PDF、Word（.docx）、TXT、Markdown 或网页（.html）';

/** One Chinese sentence per AdminError code: what was refused and what to do instead. */
function adminMessage(error: AdminError): string {
  const { detail } = error;
  switch (error.code) {
    case 'too-large':
      return `文件太大了：上限是 ${Math.floor(Number(detail.maxBytes) / 1024 / 1024)} MB。请压缩或拆分后再发。`;
    case 'empty-file':
      return '这个文件是空的，没有保存。';
    case 'unsupported-type':
      return `不支持「${String(detail.extension ?? '')}」格式。请发送 ${UPLOAD_FORMATS} 文件。`;
    case 'type-mismatch':
      return '文件内容和扩展名不符（例如改了扩展名的其他文件），没有保存。请发送原始文件。';
    case 'unsafe-name':
      return '文件名不安全（含有路径、以点开头或含特殊字符），没有保存。请改一个普通的文件名再发。';
    case 'not-found':
      return `文档目录里没有「${String(detail.name ?? '')}」。发送 /docs 查看文件名和序号。`;
    case 'busy':
      return '已有一次重建索引正在进行，完成后会更新进度卡片，请稍候。';
  }
}

/** Why an uploaded file could not be read, in Chinese. */
function ingestMessage(error: IngestError): string {
  if (error.code === 'unreadable')
    return `无法从这个文件读出文字（可能是扫描件、已加密或已损坏），没有保存。请发送带文字层的 ${UPLOAD_FORMATS} 文件。`;
  if (error.code === 'unsupported-type') return `不支持这种格式。请发送 ${UPLOAD_FORMATS} 文件。`;
  return '文件内容和扩展名不符，没有保存。请发送原始文件。';
}

/** Maps any failure to one friendly Chinese sentence; never leaks internals to the chat. */
export function friendlyMessage(error: unknown): string {
  if (error instanceof AnswerError) return error.code === 'empty-question' ? FAILURE_TEXT.emptyQuestion : FAILURE_TEXT.modelFailed;
  if (error instanceof IndexError) return FAILURE_TEXT.indexUnavailable;
  if (error instanceof EmbeddingModelMissingError) return FAILURE_TEXT.embeddingMissing;
  if (error instanceof RemindersError) return remindersMessage(error);
  if (error instanceof AdminError) return adminMessage(error);
  if (error instanceof IngestError) return ingestMessage(error);
  if (error instanceof LarkError && error.details.platformCode === SCOPE_MISSING_CODE) return FAILURE_TEXT.permissionMissing;
  // OCR messages are written in Chinese for admins (未识别到文字, the page or pixel limit)
  if (error instanceof OcrError)
    return error.code === 'engine-failed' || error.code === 'cancelled' ? FAILURE_TEXT.unknown : `${error.message}，没有保存。`;
  if (error instanceof LarkError) return error.code === 'rate-limited' ? FAILURE_TEXT.platformBusy : FAILURE_TEXT.unknown;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return FAILURE_TEXT.timeout;
  return FAILURE_TEXT.unknown;
}
