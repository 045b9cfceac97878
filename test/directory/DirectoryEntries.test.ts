import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { DirectoryEntries, directoryEntryInputSchema, NATIONAL_AREA, type DirectoryEntryInput } from '../../src/directory/DirectoryEntries.js';
import { seedDirectory } from '../../src/directory/seedDirectory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';

const areas = AreaCatalog.load();
const input = (id: string, areaCode: string, more: Partial<Record<string, unknown>> = {}): DirectoryEntryInput =>
  directoryEntryInputSchema.parse({ id, kind: 'trusted_address', areaCode, name: { vi: `Tên ${id}` }, phone: '024 3942 0000', ...more });

describe.each(DATABASE_KINDS)('directory on %s', (kind) => {
  let testDb: TestDatabase;
  let directory: DirectoryEntries;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    directory = new DirectoryEntries(testDb.db.sql, areas, { includeSamples: false });
  });
  beforeEach(() => testDb.db.sql.exec('TRUNCATE directory_entry'));
  afterAll(() => testDb.dispose());

  it('lists the nearest first: commune, then former district, then province, then national numbers', async () => {
    for (const entry of [
      input('vn/113', NATIONAL_AREA, { kind: 'hotline', phone: '113' }),
      input('ha-noi/legal-aid', 'ha-noi', { kind: 'legal_aid' }),
      input('ha-noi/quan-cau-giay/club', 'ha-noi/quan-cau-giay', { kind: 'club' }),
      input('ha-noi/cau-giay/b', 'ha-noi/cau-giay'),
      input('ha-noi/cau-giay/a', 'ha-noi/cau-giay', { kind: 'health_station' }),
      input('ha-noi/nghia-do/other-commune', 'ha-noi/nghia-do'),
      input('hue/elsewhere', 'hue'),
    ]) {
      await directory.upsert(entry, 'seed');
    }
    const ids = async (areaCode: string | undefined) => (await directory.nearest(areaCode)).map((entry) => entry.id);
    expect(await ids('ha-noi/cau-giay')).toEqual(['ha-noi/cau-giay/a', 'ha-noi/cau-giay/b', 'ha-noi/quan-cau-giay/club', 'ha-noi/legal-aid', 'vn/113']);
    expect(await ids('ha-noi/quan-cau-giay')).toEqual(['ha-noi/quan-cau-giay/club', 'ha-noi/legal-aid', 'vn/113']);
    expect(await ids('dien-bien/muong-thanh')).toEqual(['vn/113']);
    expect(await ids(undefined)).toEqual(['vn/113']);
    expect((await directory.nearest('ha-noi/cau-giay', { kinds: ['legal_aid', 'club'], national: false })).map((entry) => entry.id)).toEqual([
      'ha-noi/quan-cau-giay/club',
      'ha-noi/legal-aid',
    ]);
  });

  it('never shows sample entries when samples are off (production), and shows them otherwise', async () => {
    await directory.upsert(input('ha-noi/sample', 'ha-noi', { phone: '024 0000 0100', sample: true }), 'seed');
    expect(await directory.nearest('ha-noi')).toEqual([]);
    const development = new DirectoryEntries(testDb.db.sql, areas, { includeSamples: true });
    expect((await development.nearest('ha-noi')).map((entry) => entry.phone)).toEqual(['024 0000 0100']);
  });

  it('refuses an area the catalog does not know', async () => {
    await expect(directory.upsert(input('atlantis/x', 'atlantis'), 'admin')).rejects.toThrow('unknown area atlantis');
  });

  it('seeds idempotently, follows seed changes, and keeps what admins edited or removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    const write = (entries: unknown[]) => fs.writeFileSync(path.join(dir, 'entries.json'), JSON.stringify({ entries }));
    const seed = [
      { id: 'ha-noi/a', kind: 'trusted_address', areaCode: 'ha-noi', name: { vi: 'A' }, phone: '024 1111 1111' },
      { id: 'ha-noi/b', kind: 'shelter', areaCode: 'ha-noi', name: { vi: 'B' }, phone: '024 2222 2222' },
      { id: 'ha-noi/c', kind: 'legal_aid', areaCode: 'ha-noi', name: { vi: 'C' }, phone: '024 3333 3333' },
    ];
    write(seed);
    expect(await seedDirectory(directory, dir)).toEqual({ created: 3, updated: 0 });
    expect(await seedDirectory(directory, dir)).toEqual({ created: 0, updated: 0 });

    // An admin edits B and removes C; the seed then changes all three.
    await directory.upsert(input('ha-noi/b', 'ha-noi', { kind: 'shelter', name: { vi: 'B (admin)' }, phone: '024 2222 9999' }), 'admin');
    expect(await directory.remove('ha-noi/c')).toBe(true);
    write(seed.map((entry) => ({ ...entry, name: { vi: `${entry.name.vi} (seed v2)` } })));
    expect(await seedDirectory(directory, dir)).toEqual({ created: 0, updated: 1 });

    const rows = await testDb.db.sql.query('SELECT id, name_vi, phone, active, managed_by FROM directory_entry ORDER BY id');
    expect(rows).toEqual([
      { id: 'ha-noi/a', name_vi: 'A (seed v2)', phone: '024 1111 1111', active: true, managed_by: 'seed' },
      { id: 'ha-noi/b', name_vi: 'B (admin)', phone: '024 2222 9999', active: true, managed_by: 'admin' },
      { id: 'ha-noi/c', name_vi: 'C', phone: '024 3333 3333', active: false, managed_by: 'admin' },
    ]);
    expect((await directory.nearest('ha-noi')).map((entry) => entry.id)).toEqual(['ha-noi/a', 'ha-noi/b']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the shipped content: the national numbers are real, never samples', async () => {
    await seedDirectory(directory);
    expect((await directory.nearest(undefined)).map((entry) => entry.phone)).toEqual(['113', '115', '111']);
  });
});
