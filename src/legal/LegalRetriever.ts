import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Locale } from '../i18n.js';
import type { Citation } from './legalContent.js';
import type { LegalHit, LegalIndex } from './LegalIndex.js';

/** What each retrieved {@link Document} says about where it comes from. */
export interface LegalDocumentMetadata extends Record<string, unknown> {
  readonly kind: 'card' | 'article';
  readonly cardId?: string;
  /** The article's law, or the law of a card's first citation. */
  readonly lawId: string;
  readonly article: number;
  /** Every article a card rests on; for an article, itself. */
  readonly citations: readonly Citation[];
  readonly title: string;
  /** The hit's score over the answer threshold: 1 or more is a confident answer. */
  readonly score: number;
}

export interface LegalRetrieverInput extends BaseRetrieverInput {
  readonly index: LegalIndex;
  /** Language of the card texts put in `pageContent` (articles are in Vietnamese). Default vi. */
  readonly locale?: Locale;
  /** At most this many documents. Default 3. */
  readonly k?: number;
}

/**
 * A LangChain retriever over the legal content: the topic cards that answer the question or, when
 * none does, the articles; nothing when nothing scores above the thresholds of the
 * {@link LegalIndex} (the caller then says it does not know). Repealed laws are never returned.
 */
export class LegalRetriever extends BaseRetriever<LegalDocumentMetadata> {
  readonly lc_namespace = ['family_safety', 'legal', 'retrievers'];
  private readonly index: LegalIndex;
  private readonly locale: Locale;
  private readonly k: number;

  constructor(fields: LegalRetrieverInput) {
    super(fields);
    this.index = fields.index;
    this.locale = fields.locale ?? 'vi';
    this.k = fields.k ?? 3;
  }

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document<LegalDocumentMetadata>[]> {
    return this.index.search(query, this.k).map((hit) => toDocument(this.index, hit, this.locale));
  }
}

/** A hit as a Document: a card's answer, or an article's text (its summary when the text is absent). */
export function toDocument(index: LegalIndex, hit: LegalHit, locale: Locale): Document<LegalDocumentMetadata> {
  const { library } = index;
  const base = { lawId: hit.lawId, article: hit.article, score: hit.score };
  if (hit.kind === 'card' && hit.cardId) {
    const card = library.card(hit.cardId);
    if (!card) throw new Error(`card ${hit.cardId} vanished from the library`);
    return new Document({
      pageContent: card.answer[locale],
      metadata: { ...base, kind: 'card', cardId: card.id, citations: card.citations, title: card.title[locale] },
      id: hit.id,
    });
  }
  const ref = library.article(hit.lawId, hit.article);
  if (!ref) throw new Error(`article ${hit.id} vanished from the library`);
  return new Document({
    pageContent: ref.article.text ?? ref.article.summary?.[locale] ?? '',
    metadata: { ...base, kind: 'article', citations: [{ lawId: hit.lawId, article: hit.article }], title: ref.article.title },
    id: hit.id,
  });
}
