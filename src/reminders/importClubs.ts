import { headerLookup } from '../import/headerLookup.js';
import type { ImportRowResult, RowOutcome } from '../import/ImportRowResult.js';
import { importRows } from '../import/importRows.js';
import { readSheets, type Sheet } from '../import/readSheets.js';
import { foldText } from '../text/foldText.js';
import type { ClubInput, Clubs } from './Clubs.js';
import { normaliseClubCode } from './Clubs.js';
import { parseTimeOfDay } from './localTime.js';
import type { SqlExecutor } from '../store/Database.js';

// Headers in English or Vietnamese, compared folded.
const column = headerLookup({
  code: ['code', 'club code', 'ma', 'ma clb', 'ma cau lac bo', 'club_code'],
  name: ['name', 'club name', 'ten', 'ten clb', 'ten cau lac bo'],
  province: ['province', 'tinh'],
  district: ['district', 'huyen'],
  commune: ['commune', 'xa'],
  village: ['village', 'thon', 'thon xom'],
  day: ['day of month', 'day_of_month', 'ngay'],
  week: ['week of month', 'week_of_month', 'tuan'],
  weekday: ['weekday', 'thu'],
  every: ['every months', 'every_months', 'chu ky thang'],
  anchor: ['anchor month', 'anchor_month', 'thang bat dau'],
  time: ['time', 'gio'],
  place: ['place', 'dia diem'],
  contact: ['organiser contact', 'organiser_contact', 'nguoi phu trach'],
  active: ['active', 'hoat dong'],
  member: ['member key', 'member_key', 'ma ho', 'so ho'],
});

const WEEKDAYS: Record<string, number> = {
  sun: 0, sunday: 0, cn: 0, 'chu nhat': 0, mon: 1, monday: 1, 'thu 2': 1, 'thu hai': 1, tue: 2, tuesday: 2, 'thu 3': 2, 'thu ba': 2,
  wed: 3, wednesday: 3, 'thu 4': 3, 'thu tu': 3, thu: 4, thursday: 4, 'thu 5': 4, 'thu nam': 4, fri: 5, friday: 5, 'thu 6': 5, 'thu sau': 5,
  sat: 6, saturday: 6, 'thu 7': 6, 'thu bay': 6,
};

/** A club row as a {@link ClubInput}, or the reason it cannot be one. */
export function clubFromRow(row: Record<string, string>): ClubInput | string {
  const code = normaliseClubCode(column(row, 'code'));
  const name = column(row, 'name');
  if (!/^[A-Z0-9]{2,16}$/.test(code)) return 'code: 2–16 letters or digits expected';
  if (!name) return 'name: missing';
  const time = parseTimeOfDay(column(row, 'time'));
  if (time === undefined) return 'time: HH:MM expected';
  const dayText = column(row, 'day');
  const weekText = foldText(column(row, 'week'));
  let day: ClubInput['rule']['day'];
  if (dayText) {
    const n = Number(dayText);
    if (!Number.isInteger(n) || n < 1 || n > 31) return 'day_of_month: 1–31 expected';
    day = { kind: 'dayOfMonth', day: n };
  } else {
    const nth = ['last', 'cuoi', '-1'].includes(weekText) ? -1 : Number(weekText);
    const weekday = WEEKDAYS[foldText(column(row, 'weekday'))];
    if (![1, 2, 3, 4, -1].includes(nth)) return 'week_of_month: 1–4 or "last" expected (or give day_of_month)';
    if (weekday === undefined) return 'weekday: e.g. "sat" or "thứ 7" expected';
    day = { kind: 'nthWeekday', nth: nth as 1 | 2 | 3 | 4 | -1, weekday };
  }
  const every = Number(column(row, 'every') || '1');
  if (every !== 1 && every !== 2) return 'every_months: 1 or 2 expected';
  const anchor = column(row, 'anchor') || (every === 1 ? '2000-01' : '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(anchor)) return 'anchor_month: YYYY-MM expected when meeting every 2 months';
  const activeText = foldText(column(row, 'active'));
  return {
    code,
    name,
    province: column(row, 'province'),
    district: column(row, 'district'),
    commune: column(row, 'commune'),
    village: column(row, 'village'),
    rule: { day, everyMonths: every, anchorMonth: anchor, time, place: column(row, 'place') },
    organiserContact: column(row, 'contact') || undefined,
    active: !['0', 'false', 'no', 'khong'].includes(activeText),
  };
}

/**
 * Imports clubs and member lists. A sheet with a member key column is a member list (club code +
 * member key; no names are kept), any other a club list. Clubs are upserted by code, members by
 * (club, key), so importing the same file again changes nothing. Every row gets a result.
 * @param onRow - progress callback (for the terminal's progress bar).
 */
export async function importClubs(file: string, deps: { clubs: Clubs; sql: SqlExecutor; onRow?: (done: number, total: number) => void }): Promise<ImportRowResult[]> {
  const sheets = await readSheets(file);
  // Club sheets first, so members of clubs in the same workbook find their club.
  const isMembers = (sheet: Sheet) => sheet.rows.some((row) => column(row, 'member') !== '');
  const ordered = [...sheets.filter((s) => !isMembers(s)), ...sheets.filter(isMembers)];
  return importRows(
    ordered,
    async (row, sheet): Promise<RowOutcome> => {
      if (!isMembers(sheet)) {
        const club = clubFromRow(row);
        return typeof club === 'string' ? { rejected: club } : deps.clubs.upsert(club);
      }
      const club = await deps.clubs.findByCode(column(row, 'code'));
      const key = column(row, 'member');
      if (!club) return { rejected: 'club code: no such club' };
      if (!key) return { rejected: 'member_key: missing' };
      const inserted = await deps.sql.query('INSERT INTO club_member (club_id, member_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [club.id, key]);
      return inserted.length ? 'created' : 'unchanged';
    },
    deps.onRow,
  );
}
