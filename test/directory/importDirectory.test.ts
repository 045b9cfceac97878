import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { DirectoryEntries } from '../../src/directory/DirectoryEntries.js';
import { importDirectory } from '../../src/directory/importDirectory.js';
import { seedDirectory } from '../../src/directory/seedDirectory.js';
import type { Texts } from '../../src/i18n.js';
import { loadTexts } from '../support/botHarness.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/testDatabase.js';

const areas = AreaCatalog.load();
const storage = TEST_DATABASE_URL ? describe : describe.skip;

storage('importDirectory on PostgreSQL', () => {
  let testDb: TestDatabase;
  let directory: DirectoryEntries;
  let texts: Texts;
  let dir: string;
  const run = (file: string, onRow?: (done: number, total: number) => void) => importDirectory(file, { directory, areas, texts, onRow });

  beforeAll(async () => {
    testDb = await createTestDatabase('postgresql');
    directory = new DirectoryEntries(testDb.db.sql, areas, { includeSamples: false });
    texts = await loadTexts();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-import-'));
  });
  beforeEach(() => testDb.db.sql.exec('TRUNCATE directory_entry'));
  afterAll(async () => {
    await testDb.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports an XLSX with Vietnamese headers, rejects bad rows with the reason, and changes nothing the second time', async () => {
    const file = path.join(dir, 'danh-ba.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Địa chỉ');
    sheet.addRow(['Loại', 'Địa bàn', 'Tỉnh', 'Tên', 'Số điện thoại', 'Thời gian', 'Có thể giúp', 'Địa chỉ']);
    sheet.addRow(['Địa chỉ tin cậy', 'Cầu Giấy', 'Hà Nội', 'Địa chỉ tin cậy tổ 5', '024 3942 1234', '7:30–17:00', 'lắng nghe, tư vấn; chỗ tạm lánh an toàn', 'Số 1 ngõ 2']);
    // No diacritics, a ward named with its kind, a code for the kind, a phone Excel made a number.
    sheet.addRow(['prevention_group', 'phuong vy da', 'Hue', 'To phong chong bao luc gia dinh Vy Da', 2343000111, '', 'counselling', '']);
    sheet.addRow(['đường dây nóng', 'toàn quốc', '', 'Đường dây nóng 1800', '1800 1567', 'Cả ngày đêm', '', '']);
    sheet.addRow(['Địa chỉ tin cậy', 'Xã Không Có', 'Hà Nội', 'Tên', '024 3942 1235', '', '', '']);
    sheet.addRow(['Địa chỉ tin cậy', 'Cầu Giấy', 'Hà Nội', 'Số sai', 'gọi chị Lan', '', '', '']);
    sheet.addRow(['nhà hàng', 'Cầu Giấy', 'Hà Nội', 'Loại lạ', '024 3942 1236', '', '', '']);
    sheet.addRow(['Địa chỉ tin cậy', 'Cầu Giấy', 'Hà Nội', '', '024 3942 1237', '', '', '']);
    sheet.addRow(['Địa chỉ tin cậy', 'Cầu Giấy', 'Hà Nội', 'Dịch vụ lạ', '024 3942 1238', '', 'cho vay tiền', '']);
    sheet.addRow([]);
    sheet.addRow(['Địa chỉ tin cậy', 'cau giay', 'ha noi', 'Dia chi tin cay to 5', '024 3942 1234', '', '', '']);
    await book.xlsx.writeFile(file);

    const progress: number[] = [];
    const first = await run(file, (done) => progress.push(done));
    expect(first).toEqual([
      { sheet: 'Địa chỉ', row: 2, outcome: 'created' },
      { sheet: 'Địa chỉ', row: 3, outcome: 'created' },
      { sheet: 'Địa chỉ', row: 4, outcome: 'created' },
      { sheet: 'Địa chỉ', row: 5, outcome: 'rejected', reason: 'area: unknown area code or name "Xã Không Có, Hà Nội"' },
      { sheet: 'Địa chỉ', row: 6, outcome: 'rejected', reason: 'phone: digits, spaces, dots or dashes expected' },
      { sheet: 'Địa chỉ', row: 7, outcome: 'rejected', reason: expect.stringMatching(/^kind: unknown "nhà hàng"/) },
      { sheet: 'Địa chỉ', row: 8, outcome: 'rejected', reason: 'name: missing' },
      { sheet: 'Địa chỉ', row: 9, outcome: 'rejected', reason: expect.stringMatching(/^offers: unknown "cho vay tiền"/) },
      // Folded, the same name in the same area: the same entry, listed twice.
      { sheet: 'Địa chỉ', row: 11, outcome: 'rejected', reason: 'id: ha-noi/quan-cau-giay/dia-chi-tin-cay-to-5 is already on an earlier row' },
    ]);
    expect(progress).toEqual(first.map((_, i) => i + 1));

    const trusted = await directory.find('ha-noi/quan-cau-giay/dia-chi-tin-cay-to-5');
    expect(trusted).toMatchObject({
      kind: 'trusted_address',
      areaCode: 'ha-noi/quan-cau-giay',
      name: { vi: 'Địa chỉ tin cậy tổ 5', en: '' },
      phone: '024 3942 1234',
      hours: { vi: '7:30–17:00', en: '' },
      offers: ['counselling', 'shelter'],
      address: 'Số 1 ngõ 2',
      managedBy: 'admin',
      active: true,
    });
    expect(await directory.find('hue/vy-da/to-phong-chong-bao-luc-gia-dinh-vy-da')).toMatchObject({ kind: 'prevention_group', phone: '02343000111' });
    expect(await directory.find('vn/duong-day-nong-1800')).toMatchObject({ kind: 'hotline', areaCode: 'vn' });

    const second = await run(file);
    expect(second.map((r) => r.outcome)).toEqual(first.map((r) => (r.outcome === 'created' ? 'unchanged' : r.outcome)));
    expect((await directory.find('ha-noi/quan-cau-giay/dia-chi-tin-cay-to-5'))?.updatedAt).toEqual(trusted?.updatedAt);
  });

  it('reads CSV with English headers and ids, takes over seeded entries, and re-imports unchanged', async () => {
    await seedDirectory(directory);
    const file = path.join(dir, 'directory.csv');
    fs.writeFileSync(
      file,
      '\ufeffid;kind;area;name;name_en;phone;offers\r\n' +
        'vn/113;hotline;vn;Công an;Police;113;police\r\n' +
        'ha-noi/cau-giay/trusted-address;trusted_address;ha-noi/cau-giay;"Địa chỉ tin cậy ""Hoa Sen""";;024 3942 9999;counselling,shelter\r\n' +
        'ha-noi/new;club;ha-noi;CLB mới;;024 3942 8888;\r\n' +
        'Bad Id!;club;ha-noi;CLB;;024 3942 7777;\r\n',
    );
    expect((await run(file)).map((r) => [r.row, r.outcome, r.reason])).toEqual([
      [2, 'updated', undefined],
      [3, 'updated', undefined],
      [4, 'created', undefined],
      [5, 'rejected', 'id: lower-case letters, digits, "/", "-", "_" expected'],
    ]);
    expect(await directory.find('ha-noi/cau-giay/trusted-address')).toMatchObject({ name: { vi: 'Địa chỉ tin cậy "Hoa Sen"', en: '' }, phone: '024 3942 9999', managedBy: 'admin', sample: false });
    expect((await run(file)).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'rejected']);
    // The seed no longer touches what the admin imported.
    await seedDirectory(directory);
    expect((await directory.find('ha-noi/cau-giay/trusted-address'))?.phone).toBe('024 3942 9999');
  });
});
