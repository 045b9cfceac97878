import type { Locale, Texts } from '../i18n.js';
import { formatTimeOfDay, toLocal } from './localTime.js';

/** "19:30, Thứ Bảy 28/11/2026": a meeting's local time as people read it, in their language. */
export function describeWhen(texts: Texts, locale: Locale, startsAt: Date): string {
  const { date, minutes } = toLocal(startsAt);
  const weekday = texts.list(locale, 'reminders:weekdays')[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? '';
  return texts.t(locale)('reminders:when', {
    time: formatTimeOfDay(minutes),
    weekday,
    date: `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`,
  });
}
