import { localInstant, parseLocalDate, parseTimeOfDay, toLocal } from '../../src/reminders/localTime.js';
import { meetingsBetween, ruleDateInMonth, type MeetingRule } from '../../src/reminders/meetingSchedule.js';
import { ObservanceCalendar } from '../../src/reminders/ObservanceCalendar.js';

const base = { everyMonths: 1, anchorMonth: '2026-01', time: 19 * 60 + 30, place: 'Nhà văn hoá thôn' };
const onDay = (day: number, extra: Partial<MeetingRule> = {}): MeetingRule => ({ ...base, day: { kind: 'dayOfMonth', day }, ...extra });
const onWeekday = (nth: 1 | 2 | 3 | 4 | -1, weekday: number, extra: Partial<MeetingRule> = {}): MeetingRule => ({ ...base, day: { kind: 'nthWeekday', nth, weekday }, ...extra });
const dayOf = (rule: MeetingRule, year: number, month: number) => {
  const date = ruleDateInMonth(rule, year, month);
  return date && `${date.year}-${date.month}-${date.day}`;
};

describe('local time in Asia/Ho_Chi_Minh (UTC+7, no DST)', () => {
  it('converts both ways across midnight and the year end', () => {
    expect(localInstant({ year: 2026, month: 1, day: 1 }, 3 * 60).toISOString()).toBe('2025-12-31T20:00:00.000Z');
    expect(toLocal(new Date('2025-12-31T17:00:00Z'))).toEqual({ date: { year: 2026, month: 1, day: 1 }, minutes: 0 });
    // No daylight saving: the offset is the same in January and July.
    expect(localInstant({ year: 2026, month: 7, day: 15 }, 19 * 60).toISOString()).toBe('2026-07-15T12:00:00.000Z');
  });

  it('parses times and dates, rejecting impossible ones', () => {
    expect(parseTimeOfDay('7:05')).toBe(425);
    expect(parseTimeOfDay('19h30')).toBe(1170);
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseLocalDate('29/02/2028')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('31/4/2026')).toBeUndefined();
  });
});

describe('meeting rules', () => {
  it.each([
    [31, 2026, 4, '2026-4-30'],
    [31, 2026, 2, '2026-2-28'],
    [31, 2028, 2, '2028-2-29'],
    [30, 2028, 2, '2028-2-29'],
    [29, 2026, 2, '2026-2-28'],
    [15, 2026, 2, '2026-2-15'],
    [31, 2026, 12, '2026-12-31'],
  ])('day %i of %i-%i is clamped to the month end: %s', (day, year, month, expected) => {
    expect(dayOf(onDay(day), year, month)).toBe(expected);
  });

  it.each([
    // November 2026 starts on a Sunday.
    [1, 0, 2026, 11, '2026-11-1'],
    [1, 6, 2026, 11, '2026-11-7'],
    [2, 6, 2026, 11, '2026-11-14'],
    [4, 1, 2026, 11, '2026-11-23'],
    [-1, 1, 2026, 11, '2026-11-30'],
    [-1, 0, 2026, 11, '2026-11-29'],
    [-1, 6, 2026, 2, '2026-2-28'],
    [-1, 0, 2026, 2, '2026-2-22'],
  ] as const)('the %i-th weekday %i of %i-%i is %s', (nth, weekday, year, month, expected) => {
    expect(dayOf(onWeekday(nth, weekday), year, month)).toBe(expected);
  });

  it('every two months meets in the anchor month and every other one, also before the anchor', () => {
    const rule = onDay(10, { everyMonths: 2, anchorMonth: '2026-03' });
    const months = Array.from({ length: 12 }, (_, i) => (dayOf(rule, 2026, i + 1) ? i + 1 : 0)).filter(Boolean);
    expect(months).toEqual([1, 3, 5, 7, 9, 11]);
    expect(dayOf(rule, 2027, 1)).toBe('2027-1-10');
    expect(dayOf(rule, 2025, 12)).toBeUndefined();
  });

  it('lists meetings in a range at the local time, across the year end', () => {
    const meetings = meetingsBetween(onDay(31), [], new Date('2026-11-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z'));
    expect(meetings.map((m) => [m.ruleDate, m.startsAt.toISOString(), m.status])).toEqual([
      ['2026-11-30', '2026-11-30T12:30:00.000Z', 'scheduled'],
      ['2026-12-31', '2026-12-31T12:30:00.000Z', 'scheduled'],
      ['2027-01-31', '2027-01-31T12:30:00.000Z', 'scheduled'],
      ['2027-02-28', '2027-02-28T12:30:00.000Z', 'scheduled'],
    ]);
  });

  it('moved and cancelled meetings beat the rule, also when moved into another month', () => {
    const rule = onDay(28);
    const moved = { ruleDate: '2026-11-28', status: 'moved' as const, startsAt: localInstant({ year: 2026, month: 12, day: 2 }, 8 * 60), place: 'UBND xã' };
    const cancelled = { ruleDate: '2026-12-28', status: 'cancelled' as const, startsAt: localInstant({ year: 2026, month: 12, day: 28 }, 1170), place: base.place };
    const inDecember = meetingsBetween(rule, [moved, cancelled], new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(inDecember.map((m) => [m.ruleDate, m.status, m.place])).toEqual([
      ['2026-11-28', 'moved', 'UBND xã'],
      ['2026-12-28', 'cancelled', base.place],
    ]);
    // November no longer has a meeting: its one was moved into December.
    expect(meetingsBetween(rule, [moved], new Date('2026-11-01T00:00:00Z'), new Date('2026-11-30T16:59:00Z'))).toEqual([]);
  });

  it('a meeting at 06:00 local on the 1st is on the 1st although it is still the previous day in UTC', () => {
    const [meeting] = meetingsBetween(onDay(1, { time: 6 * 60 }), [], new Date('2026-11-30T00:00:00Z'), new Date('2026-12-05T00:00:00Z'));
    expect(meeting).toMatchObject({ ruleDate: '2026-12-01', startsAt: new Date('2026-11-30T23:00:00Z') });
  });
});

describe('observance calendar', () => {
  const calendar = ObservanceCalendar.load();
  it.each([
    ['2026-03-08', 'vi', 'Ngày Quốc tế Phụ nữ 8/3'],
    ['2026-03-20', 'en', 'International Day of Happiness'],
    ['2026-06-01', 'vi', 'Ngày Quốc tế Thiếu nhi 1/6'],
    ['2026-06-12', 'vi', 'Tháng hành động quốc gia về phòng, chống bạo lực gia đình'],
    ['2026-06-28', 'en', 'Vietnamese Family Day'],
    ['2026-10-18', 'vi', 'Ngày Phụ nữ Việt Nam 20/10'],
    ['2026-11-25', 'en', 'Action month for gender equality'],
    ['2026-12-10', 'vi', 'Tháng hành động vì bình đẳng giới'],
    ['2026-08-15', 'vi', 'Sinh hoạt định kỳ của câu lạc bộ'],
  ] as const)('%s (%s) → %s', (date, locale, topic) => {
    expect(calendar.topicFor(parseLocalDate(date)!, locale)).toContain(topic);
  });
});
