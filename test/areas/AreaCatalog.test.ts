import { AreaCatalog } from '../../src/areas/AreaCatalog.js';

describe('AreaCatalog (content/areas)', () => {
  const areas = AreaCatalog.load();

  it('has the 34 provinces of the July 2025 reorganisation, the pilot ones featured', () => {
    expect(areas.provinces()).toHaveLength(34);
    expect(areas.provinces().filter((p) => p.featured).map((p) => p.name)).toEqual(['Hà Nội', 'Huế', 'Điện Biên']);
  });

  it('groups communes by former district only where the data does (Hà Nội), flat elsewhere (Huế)', () => {
    expect(areas.children('ha-noi').map((a) => a.level)).toEqual(['district', 'district', 'district', 'district']);
    expect(areas.children('ha-noi/huyen-soc-son').map((a) => a.name)).toEqual(['Sóc Sơn', 'Đa Phúc', 'Kim Anh', 'Trung Giã', 'Nội Bài']);
    expect(new Set(areas.children('hue').map((a) => a.level))).toEqual(new Set(['commune']));
  });

  it('walks a commune up to its province', () => {
    expect(areas.lineage('ha-noi/kim-anh').map((a) => a.code)).toEqual(['ha-noi/kim-anh', 'ha-noi/huyen-soc-son', 'ha-noi']);
    expect(areas.lineage('hue/vy-da').map((a) => a.code)).toEqual(['hue/vy-da', 'hue']);
    expect(areas.lineage('nowhere')).toEqual([]);
  });

  it.each([
    ['Hà Nội', undefined, 'ha-noi'],
    ['ha noi', undefined, 'ha-noi'],
    ['TP. Hà Nội', undefined, 'ha-noi'],
    ['Thừa Thiên Huế', undefined, 'hue'],
    ['bac giang', undefined, 'bac-ninh'],
    ['Sài Gòn', undefined, 'ho-chi-minh'],
    ['cau giay', undefined, 'ha-noi/quan-cau-giay'],
    ['Phường Cầu Giấy', undefined, 'ha-noi/cau-giay'],
    ['xa soc son', undefined, 'ha-noi/soc-son'],
    ['vy da', 'hue', 'hue/vy-da'],
    ['Thuan Hoa ward', undefined, 'hue/thuan-hoa'],
    ['Ha Noi city', undefined, 'ha-noi'],
    ['Mường Thanh', 'dien-bien', 'dien-bien/muong-thanh'],
    ['noi bai', 'ha-noi/huyen-soc-son', 'ha-noi/noi-bai'],
  ])('finds "%s" under %s', (typed, within, code) => {
    expect(areas.search(typed, within)?.code).toBe(code);
  });

  it.each([
    ['a name it does not know', 'làng Hạ', undefined],
    ['a commune outside the scope', 'vy da', 'ha-noi'],
    ['nothing', '  ', undefined],
  ])('finds nothing for %s', (_what, typed, within) => {
    expect(areas.search(typed, within)).toBeUndefined();
  });

  it('refuses data whose parent is unknown or listed twice', () => {
    const province = { code: 'p', level: 'province', type: 'province', name: 'P', aliases: [], featured: false } as const;
    expect(() => new AreaCatalog([{ ...province, code: 'c', level: 'commune', parentCode: 'x' }])).toThrow('parent x');
    expect(() => new AreaCatalog([province, province])).toThrow('listed twice');
  });
});
