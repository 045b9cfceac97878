import type { Locale } from '../i18n.js';
import { bestClause, shorten, splitClauses } from './articleExcerpt.js';
import type { AnswerSource, LegalAnswerWriter } from './LegalAnswerWriter.js';
import { DEFAULT_SEARCH_SETTINGS, LegalIndex, type LegalSearchSettings } from './LegalIndex.js';
import { LegalLibrary, type ArticleRef } from './LegalLibrary.js';
import { LegalRetriever, type LegalDocumentMetadata } from './LegalRetriever.js';
import { loadLegalContent, type LegalContent, type TopicCard } from './legalContent.js';
import { VietnameseAnalyzer } from './VietnameseAnalyzer.js';

/** An article an answer rests on, with the clauses meant (empty: the whole article). */
export interface CitedArticle {
  readonly ref: ArticleRef;
  readonly clauses: readonly number[];
}

/** What the bot tells a resident: a card, an article excerpt, or a generated answer over them. */
export interface LegalAnswer {
  readonly kind: 'card' | 'article';
  /** The card's id when the answer is (or was written from) a card. */
  readonly cardId?: string;
  /** The card's title, or the article's "Điều N. title". */
  readonly title: string;
  readonly body: string;
  /** True when a language model wrote `body` from the cited articles. */
  readonly generated: boolean;
  readonly citations: readonly CitedArticle[];
  readonly related: readonly TopicCard[];
}

/** Longest excerpt of an article shown as an answer (the full article is a tap away). */
const EXCERPT_CHARS = 700;
/** Longest article text given to the model per source. */
const SOURCE_CHARS = 2000;
/** At most this many articles go to the model. */
const MAX_SOURCES = 5;

/**
 * Legal information for the dialogs: answers to free questions (through the {@link LegalRetriever}),
 * topic cards by id, full articles. Stateless and shared by every conversation.
 */
export class LegalService {
  private readonly retrievers: Record<Locale, LegalRetriever>;

  constructor(
    readonly index: LegalIndex,
    private readonly writer?: LegalAnswerWriter,
  ) {
    this.retrievers = { vi: this.retriever('vi'), en: this.retriever('en') };
  }

  /** Loads `content/legal/` and builds the index (≈100 ms, once at start-up). */
  static fromContent(content: LegalContent = loadLegalContent(), options: { settings?: LegalSearchSettings; writer?: LegalAnswerWriter } = {}): LegalService {
    const library = new LegalLibrary(content);
    const settings = options.settings ?? DEFAULT_SEARCH_SETTINGS;
    const analyzer = (stopwords: readonly string[]) =>
      new VietnameseAnalyzer({ stopwords, synonyms: content.synonyms.groups, synonymMode: settings.synonymMode, bigrams: settings.bigrams });
    const analyzers = { vi: analyzer(content.stopwords.vi), en: analyzer(content.stopwords.en) };
    return new LegalService(new LegalIndex(library, analyzers, settings), options.writer);
  }

  get library(): LegalLibrary {
    return this.index.library;
  }

  /** A LangChain retriever over this content, with card texts in `locale`. */
  retriever(locale: Locale, k = 3): LegalRetriever {
    return new LegalRetriever({ index: this.index, locale, k });
  }

  /** Whether a message reads like a question this content answers (used by the main menu). */
  recognizes(text: string): boolean {
    return this.index.search(text, 1).length > 0;
  }

  /**
   * The answer to a free question, or undefined when nothing scores above the thresholds: then the
   * bot says it does not know, and never guesses.
   */
  async answer(question: string, locale: Locale): Promise<LegalAnswer | undefined> {
    const documents = await this.retrievers[locale].invoke(question);
    const best = documents[0]?.metadata;
    if (!best) return undefined;
    const plain = best.kind === 'card' && best.cardId ? this.cardAnswer(best.cardId, locale) : this.articleAnswer(question, best, locale);
    if (!plain || !this.writer) return plain;
    const sources = this.sources(documents.map((document) => document.metadata), locale);
    const written = await this.writer.write(question, sources, locale);
    if (!written) return plain;
    return {
      ...plain,
      body: written.text,
      generated: true,
      citations: written.cited.map(({ ref, clauses }) => ({ ref, clauses })),
    };
  }

  /** A topic card as an answer (a tap on a topic). */
  cardAnswer(cardId: string, locale: Locale): LegalAnswer | undefined {
    const card = this.library.card(cardId);
    if (!card) return undefined;
    return {
      kind: 'card',
      cardId: card.id,
      title: card.title[locale],
      body: card.answer[locale],
      generated: false,
      citations: this.library.citedArticles(card.citations),
      related: card.related.map((id) => this.library.card(id)).filter((related): related is TopicCard => related !== undefined),
    };
  }

  /** The clause of an article that best matches the question, as an answer. */
  private articleAnswer(question: string, hit: LegalDocumentMetadata, locale: Locale): LegalAnswer | undefined {
    const ref = this.library.article(hit.lawId, hit.article);
    if (!ref) return undefined;
    const { article } = ref;
    const title = `${locale === 'en' ? 'Article' : 'Điều'} ${article.number}. ${article.title}`;
    if (article.text === null) {
      return { kind: 'article', title, body: article.summary?.[locale] ?? '', generated: false, citations: [{ ref, clauses: [] }], related: [] };
    }
    const clause = bestClause(article.text, (text) => this.index.relevance(question, text));
    const whole = splitClauses(article.text).length === 1;
    return {
      kind: 'article',
      title,
      body: shorten(clause.text, EXCERPT_CHARS),
      generated: false,
      citations: [{ ref, clauses: clause.number !== undefined && !whole ? [clause.number] : [] }],
      related: [],
    };
  }

  /** The articles behind the retrieved documents, numbered for the model. */
  private sources(hits: readonly LegalDocumentMetadata[], locale: Locale): AnswerSource[] {
    const seen = new Set<string>();
    const sources: AnswerSource[] = [];
    for (const hit of hits) {
      for (const { ref, clauses } of this.library.citedArticles(hit.citations)) {
        const key = `${ref.law.lawId}#${ref.article.number}`;
        if (seen.has(key) || sources.length >= MAX_SOURCES) continue;
        seen.add(key);
        const { text, summary } = ref.article;
        const body =
          text === null
            ? (summary?.[locale] ?? '')
            : clauses.length > 0
              ? splitClauses(text)
                  .filter((clause) => clause.number !== undefined && clauses.includes(clause.number))
                  .map((clause) => clause.text)
                  .join('\n')
              : text;
        sources.push({ ref, clauses, citation: this.library.formatCitation(ref, locale, clauses), text: shorten(body, SOURCE_CHARS) });
      }
    }
    return sources;
  }
}
