import {
  daysInMonth,
  formatLocalDate,
  localInstant,
  monthIndex,
  toLocal,
  weekdayOf,
  type LocalDate,
  type MinuteOfDay,
} from './localTime.js';

/** Which day of the month a club meets. */
export type MeetingDayRule =
  /** Day N of the month; a day the month lacks is its last day (31 → 30 in April, 28/29 in February). */
  | { readonly kind: 'dayOfMonth'; readonly day: number }
  /** The Nth weekday (1–4) or the last one (-1); weekday 0 = Sunday … 6 = Saturday. */
  | { readonly kind: 'nthWeekday'; readonly nth: 1 | 2 | 3 | 4 | -1; readonly weekday: number };

/** A club's meeting rule, in Asia/Ho_Chi_Minh local time. */
export interface MeetingRule {
  readonly day: MeetingDayRule;
  /** 1 = monthly, 2 = every other month, … */
  readonly everyMonths: number;
  /** A month that has a meeting ("YYYY-MM"): the count of `everyMonths` runs from it. */
  readonly anchorMonth: string;
  readonly time: MinuteOfDay;
  readonly place: string;
}

/** A one-off change that beats the rule for the meeting the rule put on `ruleDate`. */
export interface MeetingOverride {
  readonly ruleDate: string;
  readonly status: 'scheduled' | 'moved' | 'cancelled';
  readonly startsAt: Date;
  readonly place: string;
}

/** A meeting as it will (or will not) happen. */
export interface ScheduledMeeting {
  /** The date the rule gave ("YYYY-MM-DD"): the meeting's identity even when moved. */
  readonly ruleDate: string;
  readonly startsAt: Date;
  readonly place: string;
  readonly status: 'scheduled' | 'moved' | 'cancelled';
}

/** The date the rule gives in one month, or undefined when the month has no meeting. */
export function ruleDateInMonth(rule: MeetingRule, year: number, month: number): LocalDate | undefined {
  const [anchorYear, anchorMonth] = rule.anchorMonth.split('-').map(Number);
  const offset = monthIndex(year, month) - monthIndex(anchorYear ?? year, anchorMonth ?? month);
  // ((a % n) + n) % n: months before the anchor count backwards on the same cycle.
  if (((offset % rule.everyMonths) + rule.everyMonths) % rule.everyMonths !== 0) return undefined;
  const last = daysInMonth(year, month);
  if (rule.day.kind === 'dayOfMonth') return { year, month, day: Math.min(rule.day.day, last) };
  const { nth, weekday } = rule.day;
  if (nth === -1) {
    const lastWeekday = weekdayOf({ year, month, day: last });
    return { year, month, day: last - ((lastWeekday - weekday + 7) % 7) };
  }
  const firstWeekday = weekdayOf({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7 };
}

/**
 * The club's meetings whose rule date falls from `from`'s local month on, until `to`, with one-off
 * changes applied: a moved meeting takes its new time and place, a cancelled one stays in the list
 * marked cancelled (callers decide whether to show it). Meetings before `from` are left out, judged
 * by their actual start, so a meeting moved earlier than `from` disappears and one moved later appears.
 */
export function meetingsBetween(rule: MeetingRule, overrides: readonly MeetingOverride[], from: Date, to: Date): ScheduledMeeting[] {
  const byRuleDate = new Map(overrides.map((override) => [override.ruleDate, override]));
  const start = toLocal(from).date;
  const end = toLocal(to).date;
  const meetings: ScheduledMeeting[] = [];
  // One month of slack on each side: a meeting moved across a month boundary is still found.
  for (let index = monthIndex(start.year, start.month) - 1; index <= monthIndex(end.year, end.month) + 1; index++) {
    const date = ruleDateInMonth(rule, Math.floor(index / 12), (index % 12) + 1);
    if (!date) continue;
    const ruleDate = formatLocalDate(date);
    const override = byRuleDate.get(ruleDate);
    byRuleDate.delete(ruleDate);
    meetings.push(override ?? { ruleDate, startsAt: localInstant(date, rule.time), place: rule.place, status: 'scheduled' });
  }
  // Changes to meetings of months the loop did not visit (a rule changed since) still count.
  meetings.push(...byRuleDate.values());
  return meetings
    .filter((meeting) => meeting.startsAt >= from && meeting.startsAt <= to)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
