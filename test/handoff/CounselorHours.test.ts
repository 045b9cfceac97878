import { CounselorHours } from '../../src/handoff/CounselorHours.js';

describe('CounselorHours', () => {
  const hours = new CounselorHours({
    default: [{ days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' }],
    areas: { '79': [{ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '24:00' }], '79.26734': [{ days: [6], from: '08:00', to: '12:00' }] },
  });

  it.each([
    // Vietnam time is UTC+7: 00:30 UTC on a Monday is 07:30 in Hà Nội.
    ['opens at 07:30 Vietnam time', null, '2026-11-23T00:30:00Z', true],
    ['is closed a minute before', null, '2026-11-23T00:29:00Z', false],
    ['closes at 17:00', null, '2026-11-23T10:00:00Z', false],
    ['is closed on Sunday', '01.00004', '2026-11-22T03:00:00Z', false],
    ['a province with its own hours covers its communes', '79.26740', '2026-11-22T20:00:00Z', true],
    ['the most specific area wins', '79.26734', '2026-11-23T03:00:00Z', false],
    ['the most specific area wins (its Saturday morning)', '79.26734', '2026-11-28T02:00:00Z', true],
  ])('%s', (_name, area, at, open) => {
    expect(hours.isOpen(area, new Date(at))).toBe(open);
  });

  it('loads and validates the content file', () => {
    expect(() => CounselorHours.load()).not.toThrow();
  });
});
