import { randomInt } from 'node:crypto';
import { foldText } from '../text/foldText.js';

/**
 * The characters of a reference code: digits and capital letters without the ones people confuse
 * when reading a code aloud or copying it from a small screen (0/O, 1/I/L).
 */
export const REFERENCE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Length of a reference code: 31^8 ≈ 8.5 × 10^11 codes, so guessing one is hopeless. */
export const REFERENCE_CODE_LENGTH = 8;

const VALID = new RegExp(`^[${REFERENCE_CODE_ALPHABET}]{${REFERENCE_CODE_LENGTH}}$`);

/**
 * A fresh code from the operating system's CSPRNG. `randomInt` draws without modulo bias.
 * Uniqueness is the database's job (unique index, retry on conflict).
 */
export function generateReferenceCode(): string {
  let code = '';
  for (let i = 0; i < REFERENCE_CODE_LENGTH; i += 1) code += REFERENCE_CODE_ALPHABET[randomInt(REFERENCE_CODE_ALPHABET.length)];
  return code;
}

/** The code in canonical form (upper case, no spaces or dashes), or undefined when it cannot be one. */
export function normalizeReferenceCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  return VALID.test(compact) ? compact : undefined;
}

/**
 * The first reference code in a message such as "tra cứu ABCD 2345": one word, or two adjacent
 * words (people split codes in two).
 */
export function findReferenceCode(text: string): string | undefined {
  const words = foldText(text).split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const code = normalizeReferenceCode(words[i]!) ?? normalizeReferenceCode(words.slice(i, i + 2).join(''));
    if (code) return code;
  }
  return undefined;
}
