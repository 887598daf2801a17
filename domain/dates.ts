/** Calendar dates as the API and CLI take them (YYYY-MM-DD). */

/** True for a real calendar date: `2023-02-30` is not one. */
export function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}
