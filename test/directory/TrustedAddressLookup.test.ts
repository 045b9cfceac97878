import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { DirectoryEntries, directoryEntryInputSchema, NATIONAL_AREA } from '../../src/directory/DirectoryEntries.js';
import { TrustedAddressLookup } from '../../src/directory/TrustedAddressLookup.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const areas = AreaCatalog.load();
let testDb: TestDatabase;
let lookup: TrustedAddressLookup;

beforeAll(async () => {
  testDb = await createTestDatabase('pglite');
  const directory = new DirectoryEntries(testDb.db.sql, areas, { includeSamples: false });
  // A commune team, a former-district team and a province team in Hà Nội; nothing in Điện Biên.
  // A health station in Kim Anh and a national hotline are no team: routing passes them by.
  const entries = [
    { id: 'cau-giay', kind: 'trusted_address', areaCode: 'ha-noi/cau-giay' },
    { id: 'soc-son', kind: 'prevention_group', areaCode: 'ha-noi/huyen-soc-son' },
    { id: 'ha-noi', kind: 'prevention_group', areaCode: 'ha-noi' },
    { id: 'kim-anh-health', kind: 'health_station', areaCode: 'ha-noi/kim-anh' },
    { id: 'vn-113', kind: 'hotline', areaCode: NATIONAL_AREA },
  ];
  for (const entry of entries) await directory.upsert(directoryEntryInputSchema.parse({ ...entry, name: { vi: entry.id }, phone: '113' }), 'seed');
  lookup = new TrustedAddressLookup(directory);
});
afterAll(() => testDb.dispose());

describe('TrustedAddressLookup', () => {
  it.each([
    ['the commune\'s own', 'ha-noi/cau-giay', 'ha-noi/cau-giay'],
    ['the former district\'s for a commune without one', 'ha-noi/kim-anh', 'ha-noi/huyen-soc-son'],
    ['the province\'s for a commune without one in its district', 'ha-noi/ngoc-ha', 'ha-noi'],
    ['the province\'s for a former district without one', 'ha-noi/quan-ba-dinh', 'ha-noi'],
    ['the province\'s for the province', 'ha-noi', 'ha-noi'],
  ])('gives %s', async (_what, areaCode, expected) => {
    expect((await lookup.nearest(areaCode))?.areaCode).toBe(expected);
    expect(await lookup.coveringArea(areaCode)).toBe(expected);
  });

  it('has nothing for an area without any team, and routes it to the national counselors', async () => {
    expect(await lookup.nearest('dien-bien/muong-thanh')).toBeUndefined();
    expect(await lookup.coveringArea('dien-bien/muong-thanh')).toBe(NATIONAL_AREA);
    expect(await lookup.coveringArea(undefined)).toBe(NATIONAL_AREA);
  });
});
