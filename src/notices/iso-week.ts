const DAY_MS = 86_400_000;

/** The calendar day of an instant in a zone, YYYY-MM-DD. */
function dayIn(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The ISO week (2026-W49) of an instant's day in a zone: the weekly expiry card's delivery key. */
export function isoWeek(instant: number, timeZone: string): string {
  const day = new Date(`${dayIn(instant, timeZone)}T00:00:00Z`);
  // the Thursday of the same Monday-to-Sunday week decides the year
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
