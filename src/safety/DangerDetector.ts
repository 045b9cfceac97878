import fs from 'node:fs';
import { z } from 'zod';
import { LOCALES } from '../i18n.js';
import { projectPath } from '../projectRoot.js';
import { foldText } from '../text/foldText.js';

/** The kinds of immediate danger the interrupt recognises, in the order they are checked. */
export const DANGER_CATEGORIES = ['weapon', 'child', 'lockedIn', 'selfHarm', 'violence'] as const;
/** One of {@link DANGER_CATEGORIES}. */
export type DangerCategory = (typeof DANGER_CATEGORIES)[number];

const phrasesByLocale = z.object({ vi: z.array(z.string().min(1)), en: z.array(z.string().min(1)) });
const fileSchema = z.object({
  categories: z.object(Object.fromEntries(DANGER_CATEGORIES.map((category) => [category, phrasesByLocale])) as Record<DangerCategory, typeof phrasesByLocale>),
  /** Texting shorthands and what they stand for ('ck' → 'chồng'); Vietnamese, single words. */
  abbreviations: z.record(z.string().regex(/^\S+$/), z.string().min(1)),
  benign: phrasesByLocale,
});

/** Folded phrases, padded so `includes` matches whole words only. */
const padded = (phrases: readonly string[]): string[] => phrases.map((phrase) => ` ${foldText(phrase)} `);

/**
 * Looks for signs of immediate danger in a message (`content/safety/danger-phrases.json`), in
 * Vietnamese with or without diacritics and in English, whatever the conversation's language: a
 * frightened person writes however they can. Harmless phrases that contain a danger word
 * ("đánh giá") are taken out first.
 */
export class DangerDetector {
  private readonly categories: readonly (readonly [DangerCategory, string[]])[];
  private readonly benign: string[];
  /** Folded shorthand → folded meaning. */
  private readonly abbreviations: ReadonlyMap<string, string>;

  constructor(phrases: z.infer<typeof fileSchema>) {
    this.categories = DANGER_CATEGORIES.map((category) => [category, padded(LOCALES.flatMap((locale) => phrases.categories[category][locale]))] as const);
    this.benign = padded(LOCALES.flatMap((locale) => phrases.benign[locale]));
    this.abbreviations = new Map(Object.entries(phrases.abbreviations).map(([short, meaning]) => [foldText(short), foldText(meaning)]));
  }

  /** Reads and validates the phrase list. */
  static load(file: string = projectPath('content', 'safety', 'danger-phrases.json')): DangerDetector {
    return new DangerDetector(fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }

  /**
   * The first danger category the text shows, or undefined. The text is matched as written and
   * again with its shorthands written out ("ck dang danh e"): as written too, because a shorthand
   * can be a word of its own ("t" in the English "don't").
   */
  detect(text: string): DangerCategory | undefined {
    let haystack = ` ${foldText(text)} `;
    // Repeated: adjacent occurrences share the space between them.
    for (const phrase of this.benign) while (haystack.includes(phrase)) haystack = haystack.replaceAll(phrase, ' ');
    const written = haystack;
    const spelledOut = written
      .split(' ')
      .map((word) => this.abbreviations.get(word) ?? word)
      .join(' ');
    return this.categories.find(([, phrases]) => phrases.some((phrase) => written.includes(phrase) || spelledOut.includes(phrase)))?.[0];
  }
}
