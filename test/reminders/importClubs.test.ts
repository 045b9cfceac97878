import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Clubs } from '../../src/reminders/Clubs.js';
import { importClubs } from '../../src/reminders/importClubs.js';
import { testSecretBox } from '../support/testSecretBox.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let testDb: TestDatabase;
let dir: string;
beforeAll(async () => {
  testDb = await createTestDatabase('pglite');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
});
afterAll(async () => {
  await testDb.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function workbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const clubs = book.addWorksheet('Câu lạc bộ');
  clubs.addRow(['Mã CLB', 'Tên CLB', 'Tỉnh', 'Xã', 'Ngày', 'Tuần', 'Thứ', 'Chu kỳ tháng', 'Tháng bắt đầu', 'Giờ', 'Địa điểm']);
  clubs.addRow(['hn01', 'CLB Thôn Đông', 'Hà Nội', 'Tản Lĩnh', 15, '', '', 1, '', '19:30', 'Nhà văn hoá']);
  clubs.addRow(['HN02', 'CLB Thôn Tây', 'Hà Nội', 'Tản Lĩnh', '', 'cuối', 'thứ 7', 2, '2026-01', '08:00', 'UBND xã']);
  clubs.addRow(['HN03', '', 'Hà Nội', '', 10, '', '', 1, '', '19:30', '']);
  clubs.addRow(['HN04', 'CLB Giờ sai', 'Hà Nội', '', 10, '', '', 1, '', '25:00', '']);
  clubs.addRow(['HN05', 'CLB Hai tháng', 'Hà Nội', '', 10, '', '', 2, '', '19:30', '']);
  clubs.addRow(['HN06', 'CLB Thứ lạ', 'Hà Nội', '', '', 2, 'thứ 9', 1, '', '19:30', '']);
  // Excel stores a time typed into a cell as a date on 30/12/1899.
  clubs.addRow(['HN07', 'CLB Ô giờ', 'Hà Nội', '', 31, '', '', 1, '', new Date(Date.UTC(1899, 11, 30, 7, 30)), '']);
  const members = book.addWorksheet('Hội viên');
  members.addRow(['Mã CLB', 'Mã hộ']);
  members.addRow(['HN01', 'H001']);
  members.addRow(['HN01', 'H002']);
  members.addRow(['ZZ99', 'H003']);
  members.addRow(['HN02', '']);
  await book.xlsx.writeFile(file);
}

describe('importClubs (XLSX)', () => {
  it('imports good rows, rejects bad ones with a reason, and changes nothing the second time', async () => {
    const file = path.join(dir, 'clubs.xlsx');
    await workbook(file);
    const clubs = new Clubs(testDb.db.sql, testSecretBox());
    const progress: number[] = [];
    const first = await importClubs(file, { clubs, sql: testDb.db.sql, onRow: (done) => progress.push(done) });
    expect(first).toEqual([
      { sheet: 'Câu lạc bộ', row: 2, outcome: 'created' },
      { sheet: 'Câu lạc bộ', row: 3, outcome: 'created' },
      { sheet: 'Câu lạc bộ', row: 4, outcome: 'rejected', reason: 'name: missing' },
      { sheet: 'Câu lạc bộ', row: 5, outcome: 'rejected', reason: 'time: HH:MM expected' },
      { sheet: 'Câu lạc bộ', row: 6, outcome: 'rejected', reason: 'anchor_month: YYYY-MM expected when meeting every 2 months' },
      { sheet: 'Câu lạc bộ', row: 7, outcome: 'rejected', reason: 'weekday: e.g. "sat" or "thứ 7" expected' },
      { sheet: 'Câu lạc bộ', row: 8, outcome: 'created' },
      { sheet: 'Hội viên', row: 2, outcome: 'created' },
      { sheet: 'Hội viên', row: 3, outcome: 'created' },
      { sheet: 'Hội viên', row: 4, outcome: 'rejected', reason: 'club code: no such club' },
      { sheet: 'Hội viên', row: 5, outcome: 'rejected', reason: 'member_key: missing' },
    ]);
    expect(progress).toEqual(first.map((_, i) => i + 1));
    expect((await clubs.findByCode('HN02'))?.rule).toEqual({ day: { kind: 'nthWeekday', nth: -1, weekday: 6 }, everyMonths: 2, anchorMonth: '2026-01', time: 480, place: 'UBND xã' });
    expect((await clubs.findByCode('hn07'))?.rule.time).toBe(450);

    const second = await importClubs(file, { clubs, sql: testDb.db.sql });
    expect(second.map((r) => r.outcome)).toEqual(first.map((r) => (r.outcome === 'created' ? 'unchanged' : r.outcome)));
  });

  it('reads CSV exported by Excel with a BOM and semicolons', async () => {
    const file = path.join(dir, 'clubs.csv');
    fs.writeFileSync(file, '\ufeffcode;name;day_of_month;time;place\r\nHN10;"CLB ""Hạnh phúc""";31;19:00;Nhà văn hoá\r\n');
    const clubs = new Clubs(testDb.db.sql, testSecretBox());
    expect(await importClubs(file, { clubs, sql: testDb.db.sql })).toEqual([{ sheet: 'clubs.csv', row: 2, outcome: 'created' }]);
    expect((await clubs.findByCode('HN10'))?.name).toBe('CLB "Hạnh phúc"');
  });
});
