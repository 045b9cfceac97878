import type { ClubInput } from '../../src/reminders/Clubs.js';
import { localInstant } from '../../src/reminders/localTime.js';

// Meetings on the 15th at 19:30 local, a year ahead so subscriptions (created "now") precede every due time.
export const FIXTURE_YEAR = new Date().getUTCFullYear() + 1;
/** The March meeting of {@link FIXTURE_CLUB}. */
export const FIXTURE_MEETING_AT = localInstant({ year: FIXTURE_YEAR, month: 3, day: 15 }, 19 * 60 + 30);
/** A monthly club, HN01, meeting on the 15th at 19:30 at the village hall. */
export const FIXTURE_CLUB: ClubInput = {
  code: 'HN01', name: 'CLB Gia đình Thôn Đông', province: 'Hà Nội', district: 'Ba Vì', commune: 'Tản Lĩnh', village: 'Thôn Đông',
  rule: { day: { kind: 'dayOfMonth', day: 15 }, everyMonths: 1, anchorMonth: `${FIXTURE_YEAR}-01`, time: 19 * 60 + 30, place: 'Nhà văn hoá thôn' },
  active: true,
};
