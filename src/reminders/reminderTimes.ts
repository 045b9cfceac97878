import { formatTimeOfDay, localInstant, parseTimeOfDay, toLocal, type MinuteOfDay } from './localTime.js';

/** When, relative to a meeting, a reminder is due. */
export type ReminderOffset =
  /** `days` days before the meeting's date, at a local time of day ("3d@19:00"). */
  | { readonly key: string; readonly kind: 'daysBeforeAt'; readonly days: number; readonly at: MinuteOfDay }
  /** A fixed time before the meeting ("2h", "90m"). */
  | { readonly key: string; readonly kind: 'before'; readonly minutes: number };

/** Hours in which nobody is messaged: from `start` to `end`, local time, across midnight when start > end. */
export interface QuietHours {
  readonly start: MinuteOfDay;
  readonly end: MinuteOfDay;
}

/**
 * Parses one offset: "3d@19:00", "2h", "90m".
 * @throws Error naming the bad offset.
 */
export function parseReminderOffset(text: string): ReminderOffset {
  const key = text.trim();
  const days = /^(\d{1,2})d@(\d{1,2}:\d{2})$/.exec(key);
  const at = days?.[2] === undefined ? undefined : parseTimeOfDay(days[2]);
  if (days && at !== undefined) return { key, kind: 'daysBeforeAt', days: Number(days[1]), at };
  const before = /^(\d{1,4})([hm])$/.exec(key);
  if (before) return { key, kind: 'before', minutes: Number(before[1]) * (before[2] === 'h' ? 60 : 1) };
  throw new Error(`bad reminder offset "${key}" (expected e.g. 3d@19:00, 2h or 90m)`);
}

/**
 * Parses quiet hours "21:00-07:00"; "" or "off" means none.
 * @throws Error when the text is not two times.
 */
export function parseQuietHours(text: string): QuietHours | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'off') return undefined;
  const [startText = '', endText = '', ...rest] = trimmed.split('-');
  const start = parseTimeOfDay(startText);
  const end = parseTimeOfDay(endText);
  if (start === undefined || end === undefined || rest.length > 0 || start === end) {
    throw new Error(`bad quiet hours "${trimmed}" (expected e.g. 21:00-07:00)`);
  }
  return { start, end };
}

/** "21:00-07:00". */
export function formatQuietHours(quiet: QuietHours): string {
  return `${formatTimeOfDay(quiet.start)}-${formatTimeOfDay(quiet.end)}`;
}

/** True when the local time of `instant` is within quiet hours (start included, end excluded). */
export function isQuiet(instant: Date, quiet: QuietHours | undefined): boolean {
  if (!quiet) return false;
  const { minutes } = toLocal(instant);
  return quiet.start < quiet.end ? minutes >= quiet.start && minutes < quiet.end : minutes >= quiet.start || minutes < quiet.end;
}

/**
 * When a reminder of a meeting is due. A time inside quiet hours moves to their end (07:00); when
 * that would be at or after the meeting (a 2 h reminder of a 07:30 meeting is fine, of a 06:00 one
 * it is not), it moves back instead, to the last minute before quiet hours began, so the reminder
 * still comes before the meeting and never at night.
 */
export function reminderDueAt(meetingStartsAt: Date, offset: ReminderOffset, quiet: QuietHours | undefined): Date {
  // localInstant takes minutes beyond a day and days beyond a month: Date.UTC carries them over.
  const { date } = toLocal(meetingStartsAt);
  const due =
    offset.kind === 'before'
      ? new Date(meetingStartsAt.getTime() - offset.minutes * 60_000)
      : localInstant({ ...date, day: date.day - offset.days }, offset.at);
  if (!quiet || !isQuiet(due, quiet)) return due;
  const local = toLocal(due);
  const DAY = 24 * 60;
  // Quiet hours that cross midnight began the day before when `due` is in their morning part, and
  // end the next day when `due` is in their evening part.
  const began = local.minutes >= quiet.start ? quiet.start : quiet.start - DAY;
  const ends = quiet.start > quiet.end && local.minutes >= quiet.start ? quiet.end + DAY : quiet.end;
  const moved = localInstant(local.date, ends);
  return moved < meetingStartsAt ? moved : localInstant(local.date, began - 1);
}
