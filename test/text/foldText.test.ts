import { containsPhrase, equalsAny, foldText } from '../../src/text/foldText.js';

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

describe('containsPhrase and equalsAny', () => {
  it('matches whole words whatever the accents and case', () => {
    expect(containsPhrase('Tôi cần TU VAN gấp', 'tư vấn')).toBe(true);
    expect(containsPhrase('tuvan', 'tư vấn')).toBe(false);
    expect(containsPhrase('abc', '')).toBe(false);
  });
  it('compares the whole text', () => {
    expect(equalsAny('Bat dau lai', ['bắt đầu lại'])).toBe(true);
    expect(equalsAny('bắt đầu lại đi', ['bắt đầu lại'])).toBe(false);
  });
});
