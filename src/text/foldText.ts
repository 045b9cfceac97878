/**
 * Folds text for matching: Vietnamese diacritics removed ("bạo lực" → "bao luc", "đ" → "d"),
 * lower case, punctuation turned into single spaces. Many residents type without diacritics, so
 * every comparison of what a user typed goes through this.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when `phrase` occurs in `text` as whole words, both compared folded
 * ("Tôi cần TƯ VẤN gấp" contains "tu van"; "tuvan" does not).
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const haystack = ` ${foldText(text)} `;
  const needle = foldText(phrase);
  return needle.length > 0 && haystack.includes(` ${needle} `);
}

/** True when the whole of `text` is one of `phrases`, compared folded. */
export function equalsAny(text: string, phrases: readonly string[]): boolean {
  const folded = foldText(text);
  return folded.length > 0 && phrases.some((phrase) => foldText(phrase) === folded);
}
