import { describe, expect, it } from 'vitest';
import { loadRemindersSettings } from '../../src/reminders/index.js';

describe('reminder settings', () => {
  it('defaults: Asia/Shanghai, 6 h catch-up, Monday 09:00 digest of 30 days, knowledge/calendar.yaml', () => {
    const settings = loadRemindersSettings({});
    expect(settings).toMatchObject({
      timeZone: 'Asia/Shanghai',
      catchUpMs: 6 * 3_600_000,
      digestCron: '0 9 * * 1',
      digestDays: 30,
      calendarFile: 'knowledge/calendar.yaml',
      groups: {},
      directory: 'data/reminders',
    });
    expect(settings.digestFields).toMatchObject({ minute: [0], hour: [9], dayOfWeek: [1] });
  });

  it('reads named groups (name=oc_…, several chats with | or by repeating the name)', () => {
    const settings = loadRemindersSettings({ REMINDER_GROUPS: 'staff=oc_1|oc_2, startups=oc_3,staff=oc_4', DATA_DIR: '/srv/data' });
    expect(settings.groups).toEqual({ staff: ['oc_1', 'oc_2', 'oc_4'], startups: ['oc_3'] });
    expect(settings.directory).toBe('/srv/data/reminders');
  });

  it('lists every problem at once', () => {
    expect(() =>
      loadRemindersSettings({
        REMINDER_TIMEZONE: 'Mars/Olympus',
        DIGEST_CRON: 'every monday',
        REMINDER_GROUPS: 'staff',
        REMINDER_CATCH_UP_HOURS: '-1',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'settings-invalid',
        problems: [
          expect.stringMatching(/^REMINDER_TIMEZONE: must be an IANA time zone/),
          expect.stringMatching(/^REMINDER_CATCH_UP_HOURS: /),
          expect.stringMatching(/^DIGEST_CRON: "every monday" is not a cron expression/),
          expect.stringMatching(/^REMINDER_GROUPS: "staff" is not name=oc_…/),
        ],
      }),
    );
  });
});
