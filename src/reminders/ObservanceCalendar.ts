import fs from 'node:fs';
import { z } from 'zod';
import type { Locale } from '../i18n.js';
import { projectPath } from '../projectRoot.js';
import type { LocalDate } from './localTime.js';

const monthDay = z.string().regex(/^\d{2}-\d{2}$/);
const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const calendarSchema = z.object({
  general: localized,
  observances: z.array(z.object({ id: z.string(), from: monthDay, to: monthDay, topic: localized })),
});

/**
 * Default meeting topics from `content/reminders/observances.json`: 8/3, 20/3, 1/6, the June action
 * month on domestic violence, 28/6, 20/10, the November–December action month on gender equality.
 */
export class ObservanceCalendar {
  private constructor(private readonly calendar: z.infer<typeof calendarSchema>) {}

  /** Loads and validates the calendar file. */
  static load(file: string = projectPath('content', 'reminders', 'observances.json')): ObservanceCalendar {
    return new ObservanceCalendar(calendarSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }

  /** The topic of a meeting on `date`: the shortest observance window containing it, else the general topic. */
  topicFor(date: LocalDate, locale: Locale): string {
    const key = `${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
    const span = (o: { from: string; to: string }) => Date.parse(`2001-${o.to}`) - Date.parse(`2001-${o.from}`);
    const best = this.calendar.observances
      .filter((o) => o.from <= key && key <= o.to)
      .sort((a, b) => span(a) - span(b))[0];
    return (best?.topic ?? this.calendar.general)[locale];
  }
}
