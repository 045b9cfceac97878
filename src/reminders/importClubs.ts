import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import fs from 'node:fs';
import { foldText } from '../text/foldText.js';
import type { ClubInput, Clubs } from './Clubs.js';
import { normaliseClubCode } from './Clubs.js';
import { parseTimeOfDay } from './localTime.js';
import type { SqlExecutor } from '../store/Database.js';

/** What became of one row of an imported list. */
export interface ImportRowResult {
  readonly sheet: string;
  /** The row number as the spreadsheet shows it (header = 1). */
  readonly row: number;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'rejected';
  /** Why a row was rejected. */
  readonly reason?: string;
}

/** A sheet of rows keyed by folded header ("Mã CLB" → "ma clb"). */
interface Sheet {
  readonly name: string;
  readonly rows: Record<string, string>[];
}

// Headers in English or Vietnamese, compared folded.
const HEADERS: Record<string, readonly string[]> = {
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
};

function column(row: Record<string, string>, field: string): string {
  for (const header of HEADERS[field] ?? []) {
    const value = row[foldText(header)];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return '';
}

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

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores a typed "19:30" as a date on 1899-12-30; a date cell as midnight UTC.
    return value.getUTCFullYear() < 1901
      ? `${String(value.getUTCHours()).padStart(2, '0')}:${String(value.getUTCMinutes()).padStart(2, '0')}`
      : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

/** Reads a CSV (',' or ';', with or without BOM) or an XLSX workbook (every sheet) into keyed rows. */
export async function readSheets(file: string): Promise<Sheet[]> {
  const keyed = (header: string[], cells: string[]) => Object.fromEntries(header.map((h, i) => [foldText(h), cells[i] ?? '']));
  if (path.extname(file).toLowerCase() === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook.worksheets.map((sheet) => {
      const values = sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map((v) => cellText(v as ExcelJS.CellValue)) : []));
      const [header = [], ...rest] = values;
      return { name: sheet.name, rows: rest.map((cells) => keyed(header, cells)) };
    });
  }
  const records = parseCsv(fs.readFileSync(file), { bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: false }) as string[][];
  const [header = [], ...rest] = records;
  return [{ name: path.basename(file), rows: rest.map((cells) => keyed(header, cells)) }];
}

/**
 * Imports clubs and member lists. A sheet with a member key column is a member list (club code +
 * member key; no names are kept), any other a club list. Clubs are upserted by code, members by
 * (club, key), so importing the same file again changes nothing. Every row gets a result.
 * @param onRow - progress callback (for the terminal's progress bar).
 */
export async function importClubs(file: string, deps: { clubs: Clubs; sql: SqlExecutor; onRow?: (done: number, total: number) => void }): Promise<ImportRowResult[]> {
  const sheets = await readSheets(file);
  const total = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  const results: ImportRowResult[] = [];
  // Club sheets first, so members of clubs in the same workbook find their club.
  const isMembers = (sheet: Sheet) => sheet.rows.some((row) => column(row, 'member') !== '');
  for (const sheet of [...sheets.filter((s) => !isMembers(s)), ...sheets.filter(isMembers)]) {
    for (const [index, row] of sheet.rows.entries()) {
      const at = { sheet: sheet.name, row: index + 2 };
      if (Object.values(row).every((value) => value.trim() === '')) continue;
      if (isMembers(sheet)) {
        const club = await deps.clubs.findByCode(column(row, 'code'));
        const key = column(row, 'member');
        if (!club) results.push({ ...at, outcome: 'rejected', reason: 'club code: no such club' });
        else if (!key) results.push({ ...at, outcome: 'rejected', reason: 'member_key: missing' });
        else {
          const inserted = await deps.sql.query('INSERT INTO club_member (club_id, member_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [club.id, key]);
          results.push({ ...at, outcome: inserted.length ? 'created' : 'unchanged' });
        }
      } else {
        const club = clubFromRow(row);
        results.push(typeof club === 'string' ? { ...at, outcome: 'rejected', reason: club } : { ...at, outcome: await deps.clubs.upsert(club) });
      }
      deps.onRow?.(results.length, total);
    }
  }
  return results;
}
