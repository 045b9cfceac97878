/**
 * A Vietnamese phone number in one form (digits, leading 0), or undefined when the text is not one.
 * Accepts spaces, dots, dashes, brackets and the +84 / 84 country code: "+84 912.345.678" →
 * "0912345678". Mobile numbers have 10 digits, landlines 11.
 */
export function normalizePhoneNumber(text: string): string | undefined {
  const compact = text.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  const digits = compact.replace(/^\+?84(?=\d{9,10}$)/, '0');
  return /^0\d{9,10}$/.test(digits) ? digits : undefined;
}
