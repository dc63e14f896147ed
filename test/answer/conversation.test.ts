import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/index.js';
import { carryOverRewrite, createConversationStore, looksLikeFollowUp, topicOf, type Turn } from '../../src/answer/index.js';

function manualClock(start = 0): Clock & { advance(milliseconds: number): void } {
  let now = start;
  const advance = (milliseconds: number): void => {
    now += milliseconds;
  };
  return { now: () => now, sleep: async (milliseconds) => advance(milliseconds), advance };
}

const turn = (query: string): Turn => ({ question: query, query, answer: `${query}的答案` });

describe('conversation store', () => {
  it('keeps only the last turns of each conversation, separately', () => {
    const store = createConversationStore({ maxTurns: 2, idleMs: 60_000, clock: manualClock() });
    for (const query of ['一', '二', '三']) store.remember('chat-a', turn(query));
    store.remember('chat-b', turn('乙'));
    expect(store.recent('chat-a').map((entry) => entry.query)).toEqual(['二', '三']);
    expect(store.recent('chat-b').map((entry) => entry.query)).toEqual(['乙']);
    expect(store.recent('chat-c')).toEqual([]);
  });

  it('forgets a conversation idle for longer than the limit; activity keeps it alive', () => {
    const clock = manualClock();
    const store = createConversationStore({ maxTurns: 4, idleMs: 30 * 60_000, clock });
    store.remember('chat', turn('一'));
    clock.advance(29 * 60_000);
    store.remember('chat', turn('二'));
    clock.advance(29 * 60_000);
    expect(store.recent('chat')).toHaveLength(2);
    clock.advance(2 * 60_000);
    expect(store.recent('chat')).toEqual([]);
    store.remember('chat', turn('三'));
    expect(store.recent('chat').map((entry) => entry.query)).toEqual(['三']);
  });

  it('holds a bounded number of conversations, evicting the least recently active', () => {
    const store = createConversationStore({ maxTurns: 2, idleMs: 60_000, clock: manualClock(), maxConversations: 2 });
    store.remember('a', turn('一'));
    store.remember('b', turn('二'));
    store.remember('a', turn('三'));
    store.remember('c', turn('四'));
    expect(store.recent('b')).toEqual([]);
    expect(store.recent('a')).toHaveLength(2);
    expect(store.recent('c')).toHaveLength(1);
    store.forget('a');
    expect(store.recent('a')).toEqual([]);
  });
});

describe('follow-up rewriting without a model', () => {
  it('recognises follow-ups and leaves standalone questions alone', () => {
    for (const question of ['那南浔呢？', '它的牵头部门是谁？', '其责任单位是哪个？', '还有上虞的呢', '牵头部门呢？']) {
      expect(looksLikeFollowUp(question), question).toBe(true);
    }
    for (const question of [
      '南浔今年计划引进多少青年人才来就业创业？',
      '金牌创业导师队伍建设的责任单位是哪个？',
      '南通计划到2020年底打造多少个众创社区呢？',
    ]) {
      expect(looksLikeFollowUp(question), question).toBe(false);
    }
    expect(carryOverRewrite('鹿城区计划新培育多少家省级及以上科技企业？', '南浔今年计划引进多少青年人才来就业创业？')).toBe(
      '鹿城区计划新培育多少家省级及以上科技企业？',
    );
  });

  it('finds what a question is about', () => {
    expect(topicOf('金牌创业导师队伍建设的责任单位是哪个？')).toBe('金牌创业导师队伍建设');
    expect(topicOf('南浔今年计划引进多少青年人才来就业创业？')).toBe('南浔');
    expect(topicOf('南通计划到2020年底打造多少个众创社区？')).toBe('南通');
    expect(topicOf('虞创联盟首批吸纳了多少名成员？')).toBe('虞创联盟');
  });

  it('asks the previous question about another place: 「那南浔呢？」', () => {
    expect(carryOverRewrite('那南浔呢？', '南通计划到2020年底打造多少个众创社区？')).toBe('南浔计划到2020年底打造多少个众创社区？');
    expect(carryOverRewrite('那鹿城区呢？', '南浔今年计划引进多少青年人才来就业创业？')).toBe('鹿城区今年计划引进多少青年人才来就业创业？');
  });

  it('puts the previous topic in place of a pronoun: 「它的牵头部门是谁？」', () => {
    expect(carryOverRewrite('它的牵头部门是谁？', '金牌创业导师队伍建设的主要内容是什么？')).toBe('金牌创业导师队伍建设的牵头部门是谁？');
  });

  it('chains over three turns, each resolved against the previous standalone query', () => {
    const first = '鹿城区到2027年要新增多少家省级及以上孵化器？';
    const second = carryOverRewrite('那南浔呢？', first);
    const third = carryOverRewrite('它的牵头部门是谁？', second);
    expect([second, third]).toEqual(['南浔到2027年要新增多少家省级及以上孵化器？', '南浔的牵头部门是谁？']);
  });
});
