import MiniSearch, { type SearchResult } from 'minisearch';
import type { Locale } from '../i18n.js';
import { BIGRAM_JOINER, type SynonymMode, type VietnameseAnalyzer } from './VietnameseAnalyzer.js';
import type { LegalLibrary } from './LegalLibrary.js';

/** What a hit points at: a topic card, or one article of a law. */
export type LegalHitKind = 'card' | 'article';

/** One search result, scored. */
export interface LegalHit {
  readonly kind: LegalHitKind;
  /** The card id, or `lawId#article`. */
  readonly id: string;
  readonly cardId?: string;
  /** The law and article: the article itself, or a card's first citation. */
  readonly lawId: string;
  readonly article: number;
  /**
   * MiniSearch's BM25 score in the question's best language, divided by that language's threshold
   * (English fields are shorter, so English scores run lower): 1 or more means good enough to answer.
   */
  readonly score: number;
}

/**
 * How hits are scored and when they are good enough. Tuned with `npm run eval:legal` on
 * `content/legal/eval/`; see docs/legal-eval.md.
 */
export interface LegalSearchSettings {
  readonly cardBoost: Readonly<Record<CardField, number>>;
  readonly articleBoost: Readonly<Record<ArticleField, number>>;
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /** Index syllable bigrams ("ly_hon"), and their weight relative to a single syllable. */
  readonly bigrams: boolean;
  readonly bigramBoost: number;
  /** How synonyms are used, and the weight of a synonym added to a question. */
  readonly synonymMode: SynonymMode;
  readonly synonymBoost: number;
  /** The BM25 score, per language, from which the best card is an answer. */
  readonly minCardScore: Readonly<Record<Locale, number>>;
  /** The same for an article, asked only when no card qualifies. */
  readonly minArticleScore: Readonly<Record<Locale, number>>;
  /** Once the best hit qualifies, the next ones are kept down to this share of the threshold. */
  readonly runnerUpShare: number;
  /**
   * Cards are preferred: articles answer instead only when the best one scores this many times
   * the best card (over their thresholds).
   */
  readonly articleOverCard: number;
}

type CardField = 'titleVi' | 'questionsVi' | 'keywordsVi' | 'answerVi' | 'titleEn' | 'questionsEn' | 'keywordsEn' | 'answerEn';
type ArticleField = 'titleVi' | 'textVi' | 'textEn';

const CARD_FIELDS: Record<Locale, CardField[]> = {
  vi: ['titleVi', 'questionsVi', 'keywordsVi', 'answerVi'],
  en: ['titleEn', 'questionsEn', 'keywordsEn', 'answerEn'],
};
const ARTICLE_FIELDS: Record<Locale, ArticleField[]> = { vi: ['titleVi', 'textVi'], en: ['textEn'] };
const LANGUAGES: readonly Locale[] = ['vi', 'en'];

export const DEFAULT_SEARCH_SETTINGS: LegalSearchSettings = {
  cardBoost: { titleVi: 3, questionsVi: 2, keywordsVi: 2.5, answerVi: 1, titleEn: 3, questionsEn: 2, keywordsEn: 2.5, answerEn: 1 },
  articleBoost: { titleVi: 2, textVi: 1, textEn: 1 },
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  bigrams: true,
  bigramBoost: 2,
  synonymMode: 'hybrid',
  synonymBoost: 0.5,
  minCardScore: { vi: 250, en: 60 },
  minArticleScore: { vi: 500, en: 120 },
  runnerUpShare: 0.5,
  articleOverCard: 1,
};

interface IndexedDocument {
  readonly id: string;
  readonly [field: string]: string;
}

function languageOf(field: string): Locale {
  return field.endsWith('En') ? 'en' : 'vi';
}

/**
 * The full-text index over the topic cards and the current laws' articles (MiniSearch, one index
 * each: their fields and lengths differ too much to share BM25 statistics). Both the index and the
 * question go through the {@link VietnameseAnalyzer} of each field's language; the question is
 * searched once per language, in that language's fields.
 */
export class LegalIndex {
  private readonly cardIndex: MiniSearch<IndexedDocument>;
  private readonly articleIndex: MiniSearch<IndexedDocument>;

  constructor(
    readonly library: LegalLibrary,
    private readonly analyzers: Readonly<Record<Locale, VietnameseAnalyzer>>,
    readonly settings: LegalSearchSettings = DEFAULT_SEARCH_SETTINGS,
  ) {
    const tokenize = (text: string, field?: string): string[] => this.analyzers[languageOf(field ?? '')].tokens(text);
    const options = { idField: 'id', tokenize, processTerm: (term: string) => term };
    this.cardIndex = new MiniSearch<IndexedDocument>({ ...options, fields: [...CARD_FIELDS.vi, ...CARD_FIELDS.en] });
    this.articleIndex = new MiniSearch<IndexedDocument>({ ...options, fields: [...ARTICLE_FIELDS.vi, ...ARTICLE_FIELDS.en] });
    this.cardIndex.addAll(
      library.cards.map((card) => ({
        id: card.id,
        titleVi: card.title.vi,
        questionsVi: card.questions.vi.join('\n'),
        keywordsVi: card.keywords.vi.join('\n'),
        answerVi: card.answer.vi,
        titleEn: card.title.en,
        questionsEn: card.questions.en.join('\n'),
        keywordsEn: card.keywords.en.join('\n'),
        answerEn: card.answer.en,
      })),
    );
    this.articleIndex.addAll(
      library.content.laws
        .filter((law) => library.isCurrent(law))
        .flatMap((law) =>
          law.articles.map((article) => ({
            id: `${law.lawId}#${article.number}`,
            titleVi: article.title,
            textVi: article.text ?? article.summary?.vi ?? '',
            textEn: article.text === null ? (article.summary?.en ?? '') : '',
          })),
        ),
    );
  }

  /** Every card that shares a word with the question, best first. */
  searchCards(question: string): LegalHit[] {
    return this.run(this.cardIndex, CARD_FIELDS, this.settings.cardBoost, this.settings.minCardScore, question).map(({ id, score }) => {
      const first = this.library.card(id)?.citations[0];
      return { kind: 'card', id, cardId: id, lawId: first?.lawId ?? '', article: first?.article ?? 0, score };
    });
  }

  /** Every current article that shares a word with the question, best first. */
  searchArticles(question: string): LegalHit[] {
    return this.run(this.articleIndex, ARTICLE_FIELDS, this.settings.articleBoost, this.settings.minArticleScore, question).map(({ id, score }) => {
      const separator = id.lastIndexOf('#');
      return { kind: 'article', id, lawId: id.slice(0, separator), article: Number(id.slice(separator + 1)), score };
    });
  }

  /**
   * The answers worth giving, best first: the cards when the best one reaches its threshold (unless
   * an article fits far better); else the articles when the best one does; else nothing (the bot
   * says it does not know). Behind the
   * best hit come the next ones down to {@link LegalSearchSettings.runnerUpShare} of the threshold.
   * At most `limit` hits.
   */
  search(question: string, limit = 3): LegalHit[] {
    const cards = this.searchCards(question);
    const articles = this.searchArticles(question);
    const bestCard = cards[0]?.score ?? 0;
    const hits = bestCard >= 1 && (articles[0]?.score ?? 0) < bestCard * this.settings.articleOverCard ? cards : articles;
    if ((hits[0]?.score ?? 0) < 1) return [];
    return hits.filter((hit) => hit.score >= this.settings.runnerUpShare).slice(0, limit);
  }

  /**
   * How much of the question a piece of Vietnamese text contains: its tokens found in the text,
   * a bigram counting twice (used to pick the clause of an article to show).
   */
  relevance(question: string, text: string): number {
    const analyzer = this.analyzers.vi;
    const words = new Set(analyzer.tokens(text));
    return [...new Set(analyzer.tokens(question))].reduce((sum, token) => (words.has(token) ? sum + (token.includes(BIGRAM_JOINER) ? 2 : 1) : sum), 0);
  }

  /** Searches the question in each language's fields; a document's score is its best, over thresholds. */
  private run<F extends string>(
    index: MiniSearch<IndexedDocument>,
    fields: Record<Locale, F[]>,
    boost: Readonly<Record<F, number>>,
    thresholds: Readonly<Record<Locale, number>>,
    question: string,
  ): { id: string; score: number }[] {
    const best = new Map<string, number>();
    for (const language of LANGUAGES) {
      const analyzer = this.analyzers[language];
      const boostTerm = (weight: number) => (term: string) => weight * (term.includes(BIGRAM_JOINER) ? this.settings.bigramBoost : 1);
      const results: SearchResult[] = index.search(
        {
          combineWith: 'OR',
          queries: [
            { queries: [question], tokenize: (text: string) => analyzer.tokens(text), boostTerm: boostTerm(1) },
            { queries: [question], tokenize: (text: string) => analyzer.expansions(text), boostTerm: boostTerm(this.settings.synonymBoost) },
          ],
        },
        { fields: fields[language], boost, bm25: this.settings.bm25, prefix: false, fuzzy: false, processTerm: (term: string) => term },
      );
      for (const result of results) {
        const score = result.score / thresholds[language];
        const id = String(result.id);
        if (score > (best.get(id) ?? 0)) best.set(id, score);
      }
    }
    return [...best.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  }
}
