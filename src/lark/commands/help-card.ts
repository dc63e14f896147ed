import { noticeCard } from '../cards/notice-card.js';
import type { CardJson } from '../../cards/index.js';

/** The command list, with Chinese and English names (see `commands.ts`). */
const HELP_MARKDOWN = [
  '我可以回答关于本地政策文件的问题，答案只来自文件原文，并附上出处。直接提问即可，例如：',
  '- 南通计划到2020年底打造多少个众创社区？',
  '- 頔塘青创社区的运营主体是谁？',
  '',
  '群聊中请先 @我 再提问。',
  '',
  '**命令**',
  '- **/help**（帮助）：查看用法',
  '- **/sources**（文档列表）：可查询的文档',
  '- **/status**（状态）：知识库与运行状态',
  '- **/whoami**（我是谁）：我的 open_id、user_id 和本群 chat_id（填管理员设置用）',
  '- **/reindex**（重建索引）：重建知识库，仅管理员',
  '- **/match**（政策匹配）：按地区、身份、行业和阶段找出适用的措施；**/match forget** 删除保存的条件',
  '- **/reminders**（近期提醒）：本群近期的活动与截止日期',
  '- **/subscribe**（订阅）、**/unsubscribe**（取消订阅）：本群接收每周摘要和日程提醒，仅管理员',
  '- **/subscribe policies**（订阅 政策）：此后新收录的政策文件各发一张卡片到本群；**/unsubscribe policies** 取消，仅管理员',
  '- **/remind add 2026-12-01 09:00 内容**：到时在本群提醒；**/remind remove|pause|resume 编号**：删除、暂停、恢复，仅管理员',
].join('\n');

/** The help card, optionally led by why it was sent. */
export function helpCard(lead?: string): CardJson {
  return noticeCard('政策通 · 使用帮助', { markdown: lead ? `${lead}\n\n${HELP_MARKDOWN}` : HELP_MARKDOWN });
}
