import type { CardJson } from '../../cards/index.js';
import { noticeCard } from './notice-card.js';

/** What the bot covers, in one sentence. */
const COVERS = '我是政策通，回答关于本地政策文件（众创社区、创业扶持、人才与资金政策等）的问题，答案只来自文件原文，并附上出处。';

/** The welcome in a group the bot was just added to: what it covers, how to ask, /help, and /subscribe for admins. */
export function groupWelcomeCard(): CardJson {
  return noticeCard('政策通来了', {
    markdown: [
      COVERS,
      '',
      '**怎么问**：在群里 **@政策通** 再提问，例如「@政策通 南通计划打造多少个众创社区？」',
      '**/help**：查看全部用法；**/sources**：可查询的文档',
      '**管理员**：发送 **/subscribe** 让本群接收每周摘要和活动、截止日期提醒',
    ].join('\n'),
  });
}

/** The welcome in a direct chat: no @ needed. */
export function directWelcomeCard(): CardJson {
  return noticeCard('你好，我是政策通', {
    markdown: [COVERS, '', '**怎么问**：直接发问题给我即可，例如「頔塘青创社区的运营主体是谁？」', '**/help**：查看全部用法'].join('\n'),
  });
}

/** 常见问题 from the bot menu: questions people ask, to copy. */
export function faqCard(): CardJson {
  return noticeCard('常见问题', {
    markdown: [
      '可以直接把下面的问题发给我（群里请先 @政策通）：',
      '- 南通计划到2020年底打造多少个众创社区？',
      '- 众创社区有哪些扶持政策？',
      '- 创业补贴怎么申请，需要哪些材料？',
      '',
      '发送 **/sources** 查看可查询的文档，**/help** 查看全部用法。',
    ].join('\n'),
  });
}

/** 订阅提醒 from the bot menu: how a group gets the reminders. */
export function subscribeHelpCard(): CardJson {
  return noticeCard('订阅提醒', {
    markdown: [
      '政策通可以在群里发送每周摘要，以及活动、申报截止日期的提醒。',
      '',
      '**开通**：把政策通加入群聊，由管理员在群里发送 **/subscribe**；**/unsubscribe** 取消。',
      '**查看**：在群里发送 **/reminders** 查看近期的活动与截止日期。',
    ].join('\n'),
  });
}
