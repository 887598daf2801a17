/** Calendar dates: as the API and CLI take them (YYYY-MM-DD), as texts print them (day, month, year), and Vietnam's. */

/** True for a real calendar date: `2023-02-30` is not one. */
export function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** The ISO date of a day, month and year as a text prints them ("ngày 5 tháng 3 năm 2024", "05/3/2024"); null for no real date. */
export function isoDate(d: string, m: string, y: string): string | null {
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (!/^\d{4}$/.test(y)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    : null;
}

/** The calendar date (ISO) in Vietnam (UTC+7, no daylight saving) at an instant: statuses change at local midnight. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The ISO date of the day before an ISO date. */
export function dayBefore(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}
