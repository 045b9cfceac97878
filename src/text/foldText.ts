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
 * Phrase lists that live as long as the process (the frozen lists of `Texts.listAll`), folded once:
 * every turn compares the message with dozens of command and trigger phrases.
 */
const foldedLists = new WeakMap<readonly string[], readonly string[]>();

/** `phrases` folded; remembered for frozen lists, whose content cannot change. */
function foldAll(phrases: readonly string[]): readonly string[] {
  const known = foldedLists.get(phrases);
  if (known) return known;
  const folded = phrases.map(foldText);
  if (Object.isFrozen(phrases)) foldedLists.set(phrases, folded);
  return folded;
}

/**
 * How many of `phrases` occur in `text` as whole words, all compared folded ("Tôi cần TƯ VẤN gấp"
 * contains "tu van"; "tuvan" does not). The text is folded once, whatever the number of phrases.
 */
export function countPhrases(text: string, phrases: readonly string[]): number {
  const haystack = ` ${foldText(text)} `;
  return foldAll(phrases).filter((needle) => needle.length > 0 && haystack.includes(` ${needle} `)).length;
}

/** True when the whole of `text` is one of `phrases`, compared folded. */
export function equalsAny(text: string, phrases: readonly string[]): boolean {
  return foldedEqualsAny(foldText(text), phrases);
}

/**
 * {@link equalsAny} for text already folded with {@link foldText}: a caller comparing one message
 * with several lists folds it once.
 */
export function foldedEqualsAny(folded: string, phrases: readonly string[]): boolean {
  return folded.length > 0 && foldAll(phrases).includes(folded);
}
