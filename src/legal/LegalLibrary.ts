import type { Locale } from '../i18n.js';
import type { Citation, Law, LawArticle, LegalContent, TopicCard } from './legalContent.js';

/** An article together with the law it belongs to. */
export interface ArticleRef {
  readonly law: Law;
  readonly article: LawArticle;
}

/**
 * The legal content, looked up by id: laws, their articles, topic cards and topics. Read-only and
 * built once at start-up.
 */
export class LegalLibrary {
  private readonly lawsById = new Map<string, Law>();
  private readonly cardsById = new Map<string, TopicCard>();

  constructor(readonly content: LegalContent) {
    for (const law of content.laws) this.lawsById.set(law.lawId, law);
    for (const card of content.cards) this.cardsById.set(card.id, card);
  }

  law(lawId: string): Law | undefined {
    return this.lawsById.get(lawId);
  }

  article(lawId: string, number: number): ArticleRef | undefined {
    const law = this.lawsById.get(lawId);
    const article = law?.articles.find((candidate) => candidate.number === number);
    return law && article ? { law, article } : undefined;
  }

  card(id: string): TopicCard | undefined {
    return this.cardsById.get(id);
  }

  get cards(): readonly TopicCard[] {
    return this.content.cards;
  }

  /** Topic ids in the order their first card appears. */
  topics(): string[] {
    return [...new Set(this.content.cards.map((card) => card.topic))];
  }

  cardsOfTopic(topic: string): TopicCard[] {
    return this.content.cards.filter((card) => card.topic === topic);
  }

  /**
   * Whether articles of this law may be offered as an answer. A repealed law is kept only as
   * history (a card may mention what it used to say) and is never searched: the 2007 domestic
   * violence law must never be presented as current.
   */
  isCurrent(law: Law): boolean {
    return law.status === 'in_force';
  }

  /**
   * The articles a card rests on, one entry per article, in citation order, with the clauses cited
   * (empty when the whole article is cited).
   */
  citedArticles(citations: readonly Citation[]): { ref: ArticleRef; clauses: number[] }[] {
    const grouped = new Map<string, { ref: ArticleRef; clauses: number[]; whole: boolean }>();
    for (const citation of citations) {
      const key = `${citation.lawId}#${citation.article}`;
      let entry = grouped.get(key);
      if (!entry) {
        const ref = this.article(citation.lawId, citation.article);
        if (!ref) continue;
        entry = { ref, clauses: [], whole: false };
        grouped.set(key, entry);
      }
      if (citation.clause === undefined) entry.whole = true;
      else if (!entry.clauses.includes(citation.clause)) entry.clauses.push(citation.clause);
    }
    return [...grouped.values()].map(({ ref, clauses, whole }) => ({ ref, clauses: whole ? [] : clauses.sort((a, b) => a - b) }));
  }

  /**
   * One citation as people read it: "Điều 8, Luật Hôn nhân và gia đình 2014",
   * "Khoản 1 Điều 8, Luật Hôn nhân và gia đình 2014"; in English "Article 8(1), Law on Marriage and
   * Family 2014".
   */
  formatCitation(ref: ArticleRef, locale: Locale, clauses: readonly number[] = []): string {
    const number = ref.article.number;
    const name = ref.law.shortName[locale];
    if (locale === 'en') {
      const clausePart = clauses.map((clause) => `(${clause})`).join('');
      return `Article ${number}${clausePart}, ${name}`;
    }
    const clausePart = clauses.length > 0 ? `Khoản ${clauses.join(', ')} ` : '';
    return `${clausePart}Điều ${number}, ${name}`;
  }

  /** Citations grouped by article ({@link citedArticles}), joined with "; ". */
  formatCitations(cited: readonly { ref: ArticleRef; clauses: readonly number[] }[], locale: Locale): string {
    return cited.map(({ ref, clauses }) => this.formatCitation(ref, locale, clauses)).join('; ');
  }
}
