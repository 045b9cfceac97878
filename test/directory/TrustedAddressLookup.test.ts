import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { NATIONAL_AREA, TrustedAddressLookup, type TrustedAddress } from '../../src/directory/TrustedAddressLookup.js';

const areas = AreaCatalog.load();
const entry = (areaCode: string): TrustedAddress => ({ id: areaCode, areaCode, name: { vi: `vi ${areaCode}`, en: `en ${areaCode}` }, phone: '000' });

describe('TrustedAddressLookup', () => {
  // A commune team, a former-district team and a province team in Hà Nội; nothing in Điện Biên.
  const lookup = new TrustedAddressLookup(areas, [entry('ha-noi/cau-giay'), entry('ha-noi/huyen-soc-son'), entry('ha-noi')]);

  it.each([
    ['the commune\'s own', 'ha-noi/cau-giay', 'ha-noi/cau-giay'],
    ['the former district\'s for a commune without one', 'ha-noi/kim-anh', 'ha-noi/huyen-soc-son'],
    ['the province\'s for a commune without one in its district', 'ha-noi/ngoc-ha', 'ha-noi'],
    ['the province\'s for a former district without one', 'ha-noi/quan-ba-dinh', 'ha-noi'],
    ['the province\'s for the province', 'ha-noi', 'ha-noi'],
  ])('gives %s', (_what, areaCode, expected) => {
    expect(lookup.nearest(areaCode)?.areaCode).toBe(expected);
    expect(lookup.coveringArea(areaCode)).toBe(expected);
  });

  it('has nothing for an area without any team, and routes it to the national counselors', () => {
    expect(lookup.nearest('dien-bien/muong-thanh')).toBeUndefined();
    expect(lookup.coveringArea('dien-bien/muong-thanh')).toBe(NATIONAL_AREA);
    expect(lookup.coveringArea(undefined)).toBe(NATIONAL_AREA);
  });

  it('rejects an entry for an area the catalog does not know', () => {
    expect(() => new TrustedAddressLookup(areas, [entry('atlantis')])).toThrow('unknown area atlantis');
  });

  it('shows the seed\'s sample entries outside production only (their numbers are not real)', () => {
    expect(TrustedAddressLookup.load(areas, { includeSamples: true }).nearest('ha-noi/cau-giay')?.phone).toBe('024 0000 0101');
    expect(TrustedAddressLookup.load(areas, { includeSamples: false }).nearest('ha-noi/cau-giay')).toBeUndefined();
  });
});
