import type { FakeFeishu, FakeModule } from './fake-open-platform.js';

/**
 * `GET /open-apis/im/v1/chats/:chat_id` on the fake Open Platform: the group's name for chats given
 * one, the platform's "not found / bot not in chat" error (code 232011, HTTP 400) for the rest.
 */
export class FakeChats {
  private constructor(private readonly names: Map<string, string>) {}

  static install(fake: FakeFeishu, names: Record<string, string>): FakeChats {
    const chats = new FakeChats(new Map(Object.entries(names)));
    fake.modules.push(chats.module);
    return chats;
  }

  private readonly module: FakeModule = ({ method, path, authorization }, record) => {
    const match = /^\/open-apis\/im\/v1\/chats\/([^/]+)$/.exec(path);
    if (method !== 'GET' || !match) return false;
    if (!authorization?.startsWith('Bearer ')) {
      record(401, { code: 99991663, msg: 'Invalid access token for authorization.' });
      return true;
    }
    const name = this.names.get(decodeURIComponent(match[1] ?? ''));
    if (name === undefined) record(400, { code: 232011, msg: 'The operator is not in the chat.' });
    else record(200, { code: 0, msg: 'success', data: { name, chat_mode: 'group', chat_type: 'private' } });
    return true;
  };
}
