/** The zone the documents, the reminders and the admins' screens are in. */
const CHINA_TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A moment as people in China read it: 2026/12/02 15:30 (Beijing time, 24-hour). */
export function chinaDateTime(at: Date | number): string {
  return DATE_TIME.format(at);
}
