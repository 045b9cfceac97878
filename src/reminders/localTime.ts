/**
 * Local time in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a
 * fixed offset is exact and needs no time-zone database (and cannot drift with the host's TZ).
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** A calendar date: year, month 1–12, day 1–31. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Minutes after local midnight (19:30 → 1170). */
export type MinuteOfDay = number;

/** Parses "HH:MM" (24 h); undefined when it is not a valid time. */
export function parseTimeOfDay(text: string): MinuteOfDay | undefined {
  const match = /^(\d{1,2})[:hH.](\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** "19:05" for 1145. */
export function formatTimeOfDay(minutes: MinuteOfDay): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant of a local date and time. */
export function localInstant(date: LocalDate, minutes: MinuteOfDay): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000 - OFFSET_MS);
}

/** The local date and minute of day of an instant. */
export function toLocal(instant: Date): { date: LocalDate; minutes: MinuteOfDay } {
  const shifted = instant.getTime() + OFFSET_MS;
  const midnight = Math.floor(shifted / DAY_MS) * DAY_MS;
  const day = new Date(midnight);
  return {
    date: { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    minutes: Math.floor((shifted - midnight) / 60_000),
  };
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "YYYY-MM-DD". */
export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Parses "YYYY-MM-DD" (also "DD/MM/YYYY", as Vietnamese lists write dates); undefined when invalid. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month) ? date : undefined;
}

/** The number of the month counted from year 0, so month differences are a subtraction. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}
