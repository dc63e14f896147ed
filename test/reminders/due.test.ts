import { describe, expect, it } from 'vitest';
import { deliveryUuid, due, foldLog, type DeliveryKey, type SendRecord } from '../../src/reminders/index.js';
import { at, audience, calendar, cronFields, dueOptions, entry } from './support/fixtures.js';

const HOUR = 3_600_000;
const deadline = calendar(entry({ id: 'ddl', title: '申报截止', kind: 'deadline', when: '2026-12-10', remind: '[0d]' }));
const noDigest = { digest: undefined };
const key: DeliveryKey = { entry: 'ddl', occurrence: 'day@2026-12-10/0d', chat: 'oc_a' };
const base = { key, uuid: deliveryUuid(key), scheduledAt: at('2026-12-10 09:00') };

describe('due(): catch-up window', () => {
  it('sends on time, without a late note', () => {
    const plan = due(deadline, foldLog([]), at('2026-12-10 09:00'), dueOptions(['oc_a'], noDigest));
    expect(plan.sends).toEqual([expect.objectContaining({ key, uuid: deliveryUuid(key), late: false, attempt: 1 })]);
  });

  it('a reminder missed while down is sent late (with a note) within 6 h', () => {
    const plan = due(deadline, foldLog([]), at('2026-12-10 14:30'), dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 08:00') }));
    expect(plan.sends).toEqual([expect.objectContaining({ key, late: true })]);
    expect(plan.skips).toEqual([]);
  });

  it('older than the window: logged once as skipped, never sent', () => {
    const options = dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 08:00') });
    const plan = due(deadline, foldLog([]), at('2026-12-10 15:01'), options);
    expect(plan.sends).toEqual([]);
    expect(plan.skips).toEqual([expect.objectContaining({ key, reason: 'missed' })]);
    const logged: SendRecord[] = [{ type: 'skipped', ...base, at: at('2026-12-10 15:01'), reason: 'missed' }];
    expect(due(deadline, foldLog(logged), at('2026-12-10 15:02'), options)).toEqual({ sends: [], skips: [] });
  });

  it('a late reminder of something that has already happened is skipped as expired, not sent', () => {
    const meeting = calendar(entry({ id: 'meet', title: '对接会', kind: 'activity', when: '"2026-12-10 14:00"', remind: '[2h]' }));
    const options = dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 11:00') });
    expect(due(meeting, foldLog([]), at('2026-12-10 13:30'), options).sends).toEqual([expect.objectContaining({ late: true })]);
    expect(due(meeting, foldLog([]), at('2026-12-10 14:03'), options).sends).toHaveLength(1); // within the 5-minute grace
    expect(due(meeting, foldLog([]), at('2026-12-10 14:06'), options).skips).toEqual([expect.objectContaining({ reason: 'expired' })]);
  });

  it('an at-the-time reminder (0m) still goes out when the tick comes a little after the minute', () => {
    const meeting = calendar(`  - id: meet\n    title: 开会\n    kind: custom\n    when: "2026-12-10 10:05"\n    remind: [0m]\n`);
    const plan = due(
      meeting,
      foldLog([]),
      at('2026-12-10 10:05') + 300,
      dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 10:04') + 300 }),
    );
    expect(plan.sends).toEqual([expect.objectContaining({ late: false })]);
  });

  it('the window is a setting: 1 h catch-up skips what 6 h would send', () => {
    const plan = due(
      deadline,
      foldLog([]),
      at('2026-12-10 11:00'),
      dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 08:00'), catchUpMs: HOUR }),
    );
    expect(plan.skips.map((skip) => skip.reason)).toEqual(['missed']);
  });

  it('without a previous tick (first start) only the catch-up window is looked at: older history is not reported', () => {
    const plan = due(deadline, foldLog([]), at('2026-12-11 09:00'), dueOptions(['oc_a'], noDigest));
    expect(plan).toEqual({ sends: [], skips: [] });
  });

  it('sent and skipped are final', () => {
    const sent: SendRecord[] = [
      { type: 'attempt', ...base, at: base.scheduledAt },
      { type: 'sent', ...base, at: base.scheduledAt, messageId: 'om_1' },
    ];
    expect(due(deadline, foldLog(sent), at('2026-12-10 09:05'), dueOptions(['oc_a'], noDigest)).sends).toEqual([]);
  });
});

describe('due(): failures and crashes', () => {
  const attempt = (minute: string): SendRecord => ({ type: 'attempt', ...base, at: at(`2026-12-10 ${minute}`) });
  const failed = (minute: string, retryable: boolean): SendRecord => ({
    type: 'failed',
    ...base,
    at: at(`2026-12-10 ${minute}`),
    code: retryable ? 'server-error' : 'rejected',
    retryable,
    message: 'x',
  });

  it('an attempt with no outcome (crash between send and log) is sent again at once, same uuid', () => {
    const plan = due(deadline, foldLog([attempt('09:00')]), at('2026-12-10 09:01'), dueOptions(['oc_a'], noDigest));
    expect(plan.sends).toEqual([expect.objectContaining({ uuid: deliveryUuid(key), attempt: 2 })]);
  });

  it('a retryable failure is retried with backoff (1, 2, 4 … minutes) and never marked sent', () => {
    const once = foldLog([attempt('09:00'), failed('09:00', true)]);
    expect(due(deadline, once, at('2026-12-10 09:00') + 30_000, dueOptions(['oc_a'], noDigest)).sends).toEqual([]);
    expect(due(deadline, once, at('2026-12-10 09:01'), dueOptions(['oc_a'], noDigest)).sends).toHaveLength(1);
    const twice = foldLog([attempt('09:00'), failed('09:00', true), attempt('09:01'), failed('09:01', true)]);
    expect(due(deadline, twice, at('2026-12-10 09:02'), dueOptions(['oc_a'], noDigest)).sends).toEqual([]);
    expect(due(deadline, twice, at('2026-12-10 09:03'), dueOptions(['oc_a'], noDigest)).sends).toEqual([
      expect.objectContaining({ attempt: 3 }),
    ]);
  });

  it('a failure still open when the window closes is given up and reported', () => {
    const plan = due(
      deadline,
      foldLog([attempt('09:00'), failed('09:00', true)]),
      at('2026-12-10 15:01'),
      dueOptions(['oc_a'], { ...noDigest, since: at('2026-12-10 15:00') }),
    );
    expect(plan.sends).toEqual([]);
    expect(plan.skips).toEqual([expect.objectContaining({ key, reason: 'gave-up' })]);
  });

  it('a non-retryable rejection is tried three times, then skipped', () => {
    const records = [
      attempt('09:00'),
      failed('09:00', false),
      attempt('09:01'),
      failed('09:01', false),
      attempt('09:03'),
      failed('09:03', false),
    ];
    const plan = due(deadline, foldLog(records), at('2026-12-10 09:30'), dueOptions(['oc_a'], noDigest));
    expect(plan.skips).toEqual([expect.objectContaining({ reason: 'rejected' })]);
  });
});

describe('due(): who gets what', () => {
  const two = calendar(
    entry({ id: 'all', title: '面向订阅群', kind: 'activity', when: '2026-12-10', remind: '[0d]' }) +
      entry({ id: 'staff', title: '只发工作群', kind: 'activity', when: '2026-12-10', remind: '[0d]', chats: '[staff, oc_direct]' }),
    { staff: ['oc_staff1', 'oc_staff2'] },
  );
  const groups = { staff: ['oc_staff1', 'oc_staff2'] };

  it('subscribers, named groups and chat ids, each chat once', () => {
    const plan = due(two, foldLog([]), at('2026-12-10 09:00'), {
      ...dueOptions([], noDigest),
      audience: audience(['oc_a', 'oc_b'], { groups }),
    });
    expect(plan.sends.map((send) => `${send.key.entry}→${send.key.chat}`).sort()).toEqual([
      'all→oc_a',
      'all→oc_b',
      'staff→oc_direct',
      'staff→oc_staff1',
      'staff→oc_staff2',
    ]);
  });

  it('an unsubscribed chat gets nothing, even when its group is named', () => {
    const plan = due(two, foldLog([]), at('2026-12-10 09:00'), {
      ...dueOptions([], noDigest),
      audience: audience(['oc_a'], { groups, unsubscribed: ['oc_staff1', 'oc_a'] }),
    });
    expect(plan.sends.map((send) => send.key.chat).sort()).toEqual(['oc_direct', 'oc_staff2']);
  });

  it('a reminder added with /remind add in a chat reaches it even after /unsubscribe', () => {
    const [first] = two.entries;
    if (!first) throw new Error('no entry');
    const own = { entries: [{ ...first, id: 'c1', chats: ['oc_a'], origin: 'chat' as const }] };
    const plan = due(own, foldLog([]), at('2026-12-10 09:00'), {
      ...dueOptions([], noDigest),
      audience: audience([], { unsubscribed: ['oc_a'] }),
    });
    expect(plan.sends.map((send) => send.key.chat)).toEqual(['oc_a']);
  });

  it('paused entries are skipped (once, as paused); removed entries are gone', () => {
    const paused = {
      entries: two.entries.map((item) => ({ ...item, status: item.id === 'all' ? ('paused' as const) : ('removed' as const) })),
    };
    const plan = due(paused, foldLog([]), at('2026-12-10 09:00'), {
      ...dueOptions(['oc_a'], noDigest),
      audience: audience(['oc_a'], { groups }),
    });
    expect(plan.sends).toEqual([]);
    expect(plan.skips.map((skip) => `${skip.key.entry}:${skip.reason}`)).toEqual(['all:paused']);
  });
});

describe('due(): weekly digest', () => {
  const mixed = calendar(
    entry({ id: 'soon', title: '青创大赛', kind: 'activity', when: '2026-12-01..2026-12-20', lead: '区人力社保局' }) +
      entry({ id: 'far', title: '明年活动', kind: 'activity', when: '2027-03-01' }) +
      entry({ id: 'tbd', title: '待定活动', kind: 'activity', when: '待定' }) +
      entry({ id: 'old-tbd', title: '去年待定', kind: 'activity', when: '待定 2025' }),
  );

  it('Monday 09:00 in the zone: the next 30 days, and 时间待定 entries that are not over', () => {
    const plan = due(mixed, foldLog([]), at('2026-11-23 09:00'), dueOptions(['oc_a', 'oc_b']));
    const digests = plan.sends.filter((send) => send.key.entry === '#digest');
    expect(digests.map((send) => `${send.key.chat} ${send.key.occurrence}`)).toEqual([
      'oc_a digest@2026-11-23T09:00',
      'oc_b digest@2026-11-23T09:00',
    ]);
    const message = digests[0]?.message;
    if (message?.type !== 'digest') throw new Error('not a digest');
    expect(message.items.map((item) => `${item.entry.id}:${item.occurrence.role}`)).toEqual(['soon:start']);
    expect(message.undated.map((item) => item.id)).toEqual(['tbd']);
  });

  it('no digest on other days, nor for a chat that has not subscribed, nor when there is nothing to say', () => {
    expect(
      due(mixed, foldLog([]), at('2026-11-24 09:00'), dueOptions(['oc_a'])).sends.filter((send) => send.key.entry === '#digest'),
    ).toEqual([]);
    expect(due(mixed, foldLog([]), at('2026-11-23 09:00'), dueOptions([])).sends).toEqual([]);
    const empty = calendar(entry({ id: 'far', title: '明年活动', kind: 'activity', when: '2027-03-01' }));
    expect(due(empty, foldLog([]), at('2026-11-23 09:00'), dueOptions(['oc_a'])).sends).toEqual([]);
  });

  it('DIGEST_CRON is read in the zone: "0 18 * * 5" is Friday 18:00 Shanghai (10:00 UTC)', () => {
    const friday = dueOptions(['oc_a'], { digest: { fields: cronFields('0 18 * * 5'), days: 30 } });
    const plan = due(mixed, foldLog([]), Date.parse('2026-11-27T10:00:00Z'), friday);
    expect(plan.sends.map((send) => send.key.occurrence)).toEqual(['digest@2026-11-27T18:00']);
  });
});

describe('due(): time zones', () => {
  it('09:00 means 09:00 in the configured zone, across a daylight-saving change', () => {
    const berlin = calendar(entry({ id: 'b', title: 'Berlin', kind: 'activity', when: '2026-03-30', remind: '[3d, 0d]' }));
    const options = { ...dueOptions(['oc_a'], noDigest), timeZone: 'Europe/Berlin' };
    expect(due(berlin, foldLog([]), Date.parse('2026-03-27T08:00:00Z'), options).sends).toHaveLength(1);
    expect(due(berlin, foldLog([]), Date.parse('2026-03-30T07:00:00Z'), options).sends).toHaveLength(1);
  });
});
