import {
  REFERENCE_CODE_ALPHABET,
  findReferenceCode,
  generateReferenceCode,
  normalizeReferenceCode,
} from '../../src/reports/referenceCode.js';

describe('reference codes', () => {
  it('use no character people confuse (0/O, 1/I/L)', () => {
    expect(REFERENCE_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });

  it('are 8 characters of the alphabet, and do not repeat', () => {
    const codes = Array.from({ length: 2000 }, generateReferenceCode);
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up: the draw covers all of it.
    expect(new Set(codes.join('')).size).toBe(REFERENCE_CODE_ALPHABET.length);
  });

  it.each([
    ['K7M2QX9P', 'K7M2QX9P'],
    ['k7m2qx9p', 'K7M2QX9P'],
    ['K7M2 QX9P', 'K7M2QX9P'],
    ['k7m2-qx9p', 'K7M2QX9P'],
    ['K7M2QX9', undefined],
    ['K7M2QX9P2', undefined],
    ['K7M2QX0P', undefined],
    ['K7M2QXOP', undefined],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeReferenceCode(input)).toBe(expected);
  });

  it.each([
    ['tra cứu K7M2QX9P', 'K7M2QX9P'],
    ['Tra cuu k7m2 qx9p nhé', 'K7M2QX9P'],
    ['lookup: K7M2-QX9P', 'K7M2QX9P'],
    ['tra cứu', undefined],
    ['tra cứu báo tin của tôi', undefined],
  ])('finds the code in "%s"', (text, expected) => {
    expect(findReferenceCode(text)).toBe(expected);
  });
});
