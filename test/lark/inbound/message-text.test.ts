import { describe, expect, it } from 'vitest';
import { adminPolicy } from '../../../src/lark/commands/admin-policy.js';
import { createCommands } from '../../../src/lark/commands/command-list.js';
import { parseCommand } from '../../../src/lark/commands/route-commands.js';
import { questionText } from '../../../src/lark/inbound/incoming-message.js';
import { replyUuid } from '../../../src/lark/outbound/reply-uuid.js';
import { RecordingClock } from '../../support/recording-clock.js';

const commands = createCommands({
  status: {
    manifest: () => {
      throw new Error('unused');
    },
    answerMode: '原文摘录',
    startedAt: 0,
  },
  isAdmin: adminPolicy(['ou_admin']),
  clock: new RecordingClock(),
});
const nameOf = (text: string): string | undefined => {
  const parsed = parseCommand(text, commands);
  return parsed && 'command' in parsed ? parsed.command.name : parsed && `unknown:${parsed.unknown}`;
};

describe('commands', () => {
  it('knows the English and Chinese names, with or without a slash', () => {
    expect(['/help', '/HELP', '帮助', '/帮助', '／help'].map(nameOf)).toEqual(['help', 'help', 'help', 'help', 'help']);
    expect(['/sources', '文档列表', '/status', '状态', '/reindex', '重建索引', '/reminders', '提醒'].map(nameOf)).toEqual([
      'sources',
      'sources',
      'status',
      'status',
      'reindex',
      'reindex',
      'reminders',
      'reminders',
    ]);
    expect(nameOf('/nope')).toBe('unknown:nope');
  });

  it('never takes a question for a command', () => {
    expect(nameOf('帮助企业申请补贴有哪些政策？')).toBeUndefined();
    expect(nameOf('状态怎么查')).toBeUndefined();
    expect(nameOf('南通计划到2020年底打造多少个众创社区？')).toBeUndefined();
  });
});

describe('admin policy', () => {
  it('admits the listed people anywhere and everyone in an admin chat, nobody else', () => {
    const isAdmin = adminPolicy(['ou_admin'], ['oc_admins']);
    expect(isAdmin({ senderId: 'ou_admin', chatId: 'oc_any' })).toBe(true);
    expect(isAdmin({ senderId: 'ou_staff', chatId: 'oc_admins' })).toBe(true);
    expect(isAdmin({ senderId: 'ou_staff', chatId: 'oc_any' })).toBe(false);
    expect(adminPolicy([])({ senderId: '', chatId: '' })).toBe(false);
  });
});

describe('question text', () => {
  it('drops mentions, markdown marks and media placeholders from what the SDK rendered', () => {
    expect(questionText('@_user_1 南通 **有** 多少 众创社区？ @张三', ['政策通', '张三'])).toBe('南通 有 多少 众创社区？');
    expect(questionText('**问题**\n\n@政策通 众创社区 ![image](img_1) 有几个', ['政策通'])).toBe('问题 众创社区 有几个');
  });
});

describe('reply uuid', () => {
  it('is derived from the message id, stable, distinct and at most 50 characters', () => {
    expect(replyUuid('om_1')).toBe(replyUuid('om_1'));
    expect(replyUuid('om_1')).not.toBe(replyUuid('om_2'));
    expect(replyUuid(`om_${'x'.repeat(200)}`).length).toBeLessThanOrEqual(50);
  });
});
