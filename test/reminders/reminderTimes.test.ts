import { localInstant } from '../../src/reminders/localTime.js';
import { isQuiet, parseQuietHours, parseReminderOffset, reminderDueAt } from '../../src/reminders/reminderTimes.js';

const quiet = parseQuietHours('21:00-07:00');
const at = (day: number, hh: number, mm = 0) => localInstant({ year: 2026, month: 12, day }, hh * 60 + mm);
const threeDays = parseReminderOffset('3d@19:00');
const twoHours = parseReminderOffset('2h');

describe('reminder offsets', () => {
  it('parses the configured forms and rejects others', () => {
    expect(threeDays).toEqual({ key: '3d@19:00', kind: 'daysBeforeAt', days: 3, at: 1140 });
    expect(parseReminderOffset('90m')).toEqual({ key: '90m', kind: 'before', minutes: 90 });
    expect(() => parseReminderOffset('3 days')).toThrow('bad reminder offset');
    expect(() => parseQuietHours('21:00')).toThrow('bad quiet hours');
    expect(parseQuietHours('off')).toBeUndefined();
  });

  it('3 days before at 19:00 local, across a month end', () => {
    expect(reminderDueAt(at(2, 19, 30), threeDays, quiet)).toEqual(localInstant({ year: 2026, month: 11, day: 29 }, 19 * 60));
  });

  it('2 hours before', () => {
    expect(reminderDueAt(at(10, 19, 30), twoHours, quiet)).toEqual(at(10, 17, 30));
  });
});

describe('quiet hours 21:00–07:00', () => {
  it.each([
    [20, 59, false],
    [21, 0, true],
    [23, 30, true],
    [0, 0, true],
    [6, 59, true],
    [7, 0, false],
  ])('%i:%i local quiet = %s', (hh, mm, expected) => {
    expect(isQuiet(at(5, hh, mm), quiet)).toBe(expected);
  });

  it('a reminder due at night moves to 07:00 the next morning', () => {
    // A 2 h reminder of a 08:00 meeting would be due at 06:00.
    expect(reminderDueAt(at(10, 8), twoHours, quiet)).toEqual(at(10, 7));
    // 3 days before at 22:00 is at night: 07:00 the morning after.
    expect(reminderDueAt(at(10, 19), parseReminderOffset('3d@22:00'), quiet)).toEqual(at(8, 7));
  });

  it('when 07:00 would be too late for the meeting, it moves back to just before the quiet hours', () => {
    // A 2 h reminder of a 06:30 meeting: 04:30 is quiet, 07:00 is after the meeting → 20:59 the evening before.
    expect(reminderDueAt(at(10, 6, 30), twoHours, quiet)).toEqual(at(9, 20, 59));
    // A 2 h reminder of a 22:30 meeting: 20:30 is fine.
    expect(reminderDueAt(at(10, 22, 30), twoHours, quiet)).toEqual(at(10, 20, 30));
    // A 1 h reminder of a 22:30 meeting: 21:30 is quiet, moves back to 20:59 the same evening.
    expect(reminderDueAt(at(10, 22, 30), parseReminderOffset('1h'), quiet)).toEqual(at(10, 20, 59));
  });

  it('quiet hours that do not cross midnight work too, and none means none', () => {
    const lunch = parseQuietHours('11:30-13:30');
    expect(reminderDueAt(at(10, 14), twoHours, lunch)).toEqual(at(10, 13, 30));
    expect(reminderDueAt(at(10, 8), twoHours, undefined)).toEqual(at(10, 6));
  });
});
