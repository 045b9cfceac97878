import { countPhrases, equalsAny, foldText } from '../../src/text/foldText.js';

describe('foldText', () => {
  it.each([
    ['bạo lực', 'bao luc'],
    ['TƯ VẤN', 'tu van'],
    ['Đánh đập', 'danh dap'],
    ['  Cứu   tôi!!! ', 'cuu toi'],
    // Decomposed input (some Android keyboards) folds the same as precomposed.
    ['bạo lực'.normalize('NFD'), 'bao luc'],
    ['Nó đang đánh tôi...', 'no dang danh toi'],
  ])('%s → %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('countPhrases and equalsAny', () => {
  it('counts the phrases found as whole words whatever the accents and case', () => {
    expect(countPhrases('Tôi cần TU VAN gấp', ['tư vấn'])).toBe(1);
    expect(countPhrases('tuvan', ['tư vấn'])).toBe(0);
    expect(countPhrases('abc', [''])).toBe(0);
    expect(countPhrases('hỏi luật về bạo lực', ['hỏi luật', 'bạo lực', 'báo tin'])).toBe(2);
  });
  it('gives the same answers for a frozen (remembered) list, however often it is asked', () => {
    const phrases = Object.freeze(['tư vấn', 'gặp người thật']);
    expect(countPhrases('can gap nguoi that', phrases)).toBe(1);
    expect(countPhrases('TƯ VẤN, gặp người thật', phrases)).toBe(2);
    expect(equalsAny('Tu van', phrases)).toBe(true);
    expect(equalsAny('tu van ngay', phrases)).toBe(false);
  });
  it('compares the whole text', () => {
    expect(equalsAny('Bat dau lai', ['bắt đầu lại'])).toBe(true);
    expect(equalsAny('bắt đầu lại đi', ['bắt đầu lại'])).toBe(false);
  });
});
