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

  constructor(phrases: z.infer<typeof fileSchema>) {
    this.categories = DANGER_CATEGORIES.map((category) => [category, padded(LOCALES.flatMap((locale) => phrases.categories[category][locale]))] as const);
    this.benign = padded(LOCALES.flatMap((locale) => phrases.benign[locale]));
  }

  /** Reads and validates the phrase list. */
  static load(file: string = projectPath('content', 'safety', 'danger-phrases.json')): DangerDetector {
    return new DangerDetector(fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }

  /** The first danger category the text shows, or undefined. */
  detect(text: string): DangerCategory | undefined {
    let haystack = ` ${foldText(text)} `;
    // Repeated: adjacent occurrences share the space between them.
    for (const phrase of this.benign) while (haystack.includes(phrase)) haystack = haystack.replaceAll(phrase, ' ');
    return this.categories.find(([, phrases]) => phrases.some((phrase) => haystack.includes(phrase)))?.[0];
  }
}
