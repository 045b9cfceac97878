import { foldText } from '../text/foldText.js';

/** Joins the two syllables of a bigram token ("ly hôn" → "ly_hon"). */
export const BIGRAM_JOINER = '_';

/** Punctuation that ends a phrase; hyphens and slashes do not ("13/2022/QH15", "tự-nguyện"). */
const PHRASE_BREAK = /[.,;:!?()\[\]{}"“”«»…\n\r\t]+/u;

interface SynonymRule {
  /** The folded syllables of one member of a group. */
  readonly from: readonly string[];
  /** Index of its group. */
  readonly group: number;
}

/**
 * How synonyms are used: `rewrite` every member to the group's first one, in the index and the
 * question alike; `expand` the question with the other members, leaving the index as written;
 * `hybrid` (the default) rewrites phrases of two or more syllables and expands single syllables.
 * Measured in docs/legal-eval.md.
 */
export type SynonymMode = 'rewrite' | 'expand' | 'hybrid';

/**
 * Turns text into search tokens the same way for the index and for a question:
 * - folded: no diacritics, lower case ("Ly hôn" and "ly hon" give the same tokens), since many
 *   residents type without accents;
 * - synonyms from content/legal/synonyms.json, the longest match first: a phrase is rewritten to
 *   the first member of its group ("ly dị" → "ly hôn"); a single syllable is not, because folded it
 *   is ambiguous ("tát", slap, and "tất", all, both fold to "tat"), so a question containing it is
 *   expanded with its group's other members instead ({@link VietnameseAnalyzer.expansions});
 * - syllable unigrams without the stop words, plus bigrams of adjacent syllables ("ly_hon",
 *   "bao_luc"), because most Vietnamese words are two syllables and a bigram carries the word's
 *   meaning where each syllable alone is ambiguous ("con" is "child", "còn" is "still"). A bigram is
 *   dropped only when both its syllables are stop words ("co_the"); "di_lam" (go to work) stays.
 *
 * One analyser per language: Vietnamese and English stop lists differ ("me" is an English stop
 * word; "mẹ", mother, folds to it).
 */
export class VietnameseAnalyzer {
  private readonly stopwords: ReadonlySet<string>;
  /** Every synonym group, each member as folded syllables; the first member is canonical. */
  private readonly groups: (readonly string[])[][];
  /** Synonym rules by their first syllable, longest first. */
  private readonly rules = new Map<string, SynonymRule[]>();
  private readonly synonymMode: SynonymMode;
  private readonly withBigrams: boolean;

  /**
   * @param options.synonymMode - see {@link SynonymMode}; `hybrid` unless measuring.
   * @param options.bigrams - false only to measure what bigrams bring.
   */
  constructor(options: { stopwords: Iterable<string>; synonyms: readonly (readonly string[])[]; synonymMode?: SynonymMode; bigrams?: boolean }) {
    this.stopwords = new Set([...options.stopwords].map(foldText).filter(Boolean));
    this.synonymMode = options.synonymMode ?? 'hybrid';
    this.withBigrams = options.bigrams ?? true;
    this.groups = options.synonyms.map((group) => group.map((phrase) => foldText(phrase).split(' ').filter(Boolean)).filter((member) => member.length > 0));
    this.groups.forEach((members, group) => {
      for (const from of members) {
        const first = from[0] as string;
        const list = this.rules.get(first) ?? [];
        list.push({ from, group });
        list.sort((a, b) => b.from.length - a.from.length);
        this.rules.set(first, list);
      }
    });
  }

  /** The synonym rule matching `input` at position `i`, longest first. */
  private ruleAt(input: readonly string[], i: number): SynonymRule | undefined {
    return this.rules.get(input[i] as string)?.find((candidate) => candidate.from.every((syllable, j) => input[i + j] === syllable));
  }

  /**
   * What a question adds for the synonym groups it mentions: the other members' bigrams, and the
   * syllable of one-syllable members (in hybrid mode, only the first member and the one-syllable
   * members, the phrases being rewritten already), without the question's own tokens.
   */
  expansions(text: string): string[] {
    if (this.synonymMode === 'rewrite') return [];
    const own = new Set(this.tokens(text));
    const extra = new Set<string>();
    for (const phrase of this.phrases(text)) {
      for (let i = 0; i < phrase.length; ) {
        const rule = this.ruleAt(phrase, i);
        if (!rule) {
          i += 1;
          continue;
        }
        const members = this.groups[rule.group] ?? [];
        for (const member of members) {
          if (member === rule.from) continue;
          // Hybrid: phrases are already rewritten to the first member; add it and the one-syllable members.
          if (this.synonymMode === 'hybrid' && member !== members[0] && member.length > 1) continue;
          for (const token of this.phraseTokens(member)) {
            if (member.length > 1 && !token.includes(BIGRAM_JOINER)) continue;
            if (!own.has(token)) extra.add(token);
          }
        }
        i += rule.from.length;
      }
    }
    return [...extra];
  }

  /**
   * The syllables of each phrase: text between punctuation, so that no bigram straddles a full
   * stop or a comma ("ly hôn. Con" gives no "hon_con").
   */
  private phrases(text: string): string[][] {
    return text.split(PHRASE_BREAK).map((phrase) => this.rewrite(foldText(phrase).split(' ').filter(Boolean))).filter((p) => p.length > 0);
  }

  /** Rewrites every synonym in one phrase's syllables to the first member of its group. */
  private rewrite(input: readonly string[]): string[] {
    if (this.synonymMode === 'expand') return [...input];
    const output: string[] = [];
    for (let i = 0; i < input.length; ) {
      const rule = this.ruleAt(input, i);
      // Hybrid: only phrases are rewritten; a single folded syllable is too ambiguous ("tát" and "tất").
      if (rule && (this.synonymMode === 'rewrite' || rule.from.length > 1)) {
        output.push(...(this.groups[rule.group]?.[0] ?? rule.from));
        i += rule.from.length;
      } else {
        output.push(input[i] as string);
        i += 1;
      }
    }
    return output;
  }

  /** Every token of the text: unigrams, then bigrams, repeats kept (term frequency counts them). */
  tokens(text: string): string[] {
    const phrases = this.phrases(text);
    return [...phrases.flat().filter((syllable) => !this.stopwords.has(syllable)), ...phrases.flatMap((phrase) => this.bigrams(phrase))];
  }

  /** Unigrams and bigrams of one phrase. */
  private phraseTokens(phrase: readonly string[]): string[] {
    return [...phrase.filter((syllable) => !this.stopwords.has(syllable)), ...this.bigrams(phrase)];
  }

  private bigrams(syllables: readonly string[]): string[] {
    const bigrams: string[] = [];
    if (!this.withBigrams) return bigrams;
    for (let i = 0; i + 1 < syllables.length; i++) {
      const a = syllables[i] as string;
      const b = syllables[i + 1] as string;
      if (this.stopwords.has(a) && this.stopwords.has(b)) continue;
      bigrams.push(`${a}${BIGRAM_JOINER}${b}`);
    }
    return bigrams;
  }
}
