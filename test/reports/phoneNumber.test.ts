import { normalizePhoneNumber } from '../../src/reports/phoneNumber.js';

describe('normalizePhoneNumber', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(024) 3826 1234', '02438261234'],
    ['12345', undefined],
    ['0912 abc 678', undefined],
    ['số của tôi là 0912345678', undefined],
    ['091234567890', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });
});
