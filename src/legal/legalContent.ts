import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../projectRoot.js';

/** A sentence in both languages the bot speaks. */
const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const localizedList = z.object({ vi: z.array(z.string().min(1)), en: z.array(z.string().min(1)) });
const positiveInt = z.number().int().positive();

/** One article (Điều) of a law. `text` is null when only our summary of it is available. */
export const lawArticleSchema = z
  .object({
    number: positiveInt,
    title: z.string().min(1),
    text: z.string().min(1).nullable(),
    /** Plain-language summary, for articles whose text we do not have (13/2022/QH15). */
    summary: localized.optional(),
    /** False when the title is the one commonly cited, not read from the official text. */
    titleVerified: z.boolean().optional(),
  })
  .refine((article) => article.text !== null || article.summary !== undefined, {
    message: 'an article needs its text or a summary',
  });

/** `content/legal/laws/<id>.json`: one law with its articles and where they came from. */
export const lawSchema = z.object({
  lawId: z.string().min(1),
  /** What a citation names: "Luật Hôn nhân và gia đình 2014". */
  shortName: localized,
  title: z.string().min(1),
  status: z.enum(['in_force', 'repealed']),
  repealedBy: z.string().optional(),
  statusNote: z.string().optional(),
  issued: z.string(),
  effective: z.string(),
  /** False when the articles carry only summaries (the official text was not available). */
  fullTextAvailable: z.boolean().default(true),
  articles: z.array(lawArticleSchema).min(1),
});

/** A reference from a card to an article, optionally one clause (khoản) of it. */
export const citationSchema = z.object({
  lawId: z.string().min(1),
  article: positiveInt,
  clause: positiveInt.optional(),
});

/** `content/legal/cards/<id>.json`: a plain-language answer on one topic, resting on cited articles. */
export const topicCardSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'),
  topic: z.string().min(1),
  title: localized,
  answer: localized,
  citations: z.array(citationSchema).min(1),
  /** Questions people ask that this card answers (indexed for retrieval). */
  questions: localizedList,
  keywords: localizedList,
  related: z.array(z.string()),
  /** The day the card was last checked against the articles it cites. */
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** `content/legal/synonyms.json`: each group lists words that mean the same; the first is canonical. */
export const synonymsSchema = z.object({ groups: z.array(z.array(z.string().min(1)).min(2)) });

/** `content/legal/stopwords.json`: words too common to search on, per language. */
export const stopwordsSchema = z.object({ vi: z.array(z.string()), en: z.array(z.string()) });

export type LawArticle = z.infer<typeof lawArticleSchema>;
export type Law = z.infer<typeof lawSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type TopicCard = z.infer<typeof topicCardSchema>;
export type Synonyms = z.infer<typeof synonymsSchema>;
export type Stopwords = z.infer<typeof stopwordsSchema>;

/** Everything under `content/legal/` the bot uses, validated and cross-checked. */
export interface LegalContent {
  readonly laws: readonly Law[];
  readonly cards: readonly TopicCard[];
  readonly synonyms: Synonyms;
  readonly stopwords: Stopwords;
}

/** Raised when a content file does not parse or points at something that does not exist. */
export class LegalContentError extends Error {
  override readonly name = 'LegalContentError';
}

/** The default content folder. */
export const LEGAL_CONTENT_DIR = projectPath('content', 'legal');

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LegalContentError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new LegalContentError(`${file}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Reads and validates `content/legal/`: every law, every card, the synonyms and stop words. Checks
 * what a schema alone cannot: unique ids, a card file named after its id, citations that name an
 * existing article (and clause, when the article text has numbered clauses), related cards that
 * exist.
 * @throws LegalContentError naming the file and the problem.
 */
export function loadLegalContent(dir: string = LEGAL_CONTENT_DIR): LegalContent {
  const laws = jsonFiles(path.join(dir, 'laws')).map((file) => readJson(file, lawSchema));
  const lawsById = new Map<string, Law>();
  for (const law of laws) {
    if (lawsById.has(law.lawId)) throw new LegalContentError(`law ${law.lawId} appears twice`);
    const numbers = new Set<number>();
    for (const article of law.articles) {
      if (numbers.has(article.number)) throw new LegalContentError(`law ${law.lawId}: Điều ${article.number} appears twice`);
      numbers.add(article.number);
    }
    lawsById.set(law.lawId, law);
  }

  const cardFiles = jsonFiles(path.join(dir, 'cards'));
  const cards = cardFiles.map((file) => {
    const card = readJson(file, topicCardSchema);
    if (path.basename(file, '.json') !== card.id) throw new LegalContentError(`${file}: id "${card.id}" does not match the file name`);
    return card;
  });
  const cardIds = new Set(cards.map((card) => card.id));
  for (const card of cards) {
    for (const citation of card.citations) {
      const law = lawsById.get(citation.lawId);
      const article = law?.articles.find((candidate) => candidate.number === citation.article);
      if (!law || !article) {
        throw new LegalContentError(`card ${card.id} cites Điều ${citation.article} of ${citation.lawId}, which is not in content/legal/laws`);
      }
      if (citation.clause !== undefined && article.text !== null && !hasClause(article.text, citation.clause)) {
        throw new LegalContentError(`card ${card.id} cites khoản ${citation.clause} of Điều ${citation.article} ${citation.lawId}, which has no such clause`);
      }
    }
    for (const related of card.related) {
      if (!cardIds.has(related)) throw new LegalContentError(`card ${card.id} lists related card "${related}", which does not exist`);
    }
  }

  return {
    laws,
    cards,
    synonyms: readJson(path.join(dir, 'synonyms.json'), synonymsSchema),
    stopwords: readJson(path.join(dir, 'stopwords.json'), stopwordsSchema),
  };
}

/** True when an article's text has a numbered clause "N." at the start of a line. */
function hasClause(text: string, clause: number): boolean {
  return new RegExp(`(^|\\n)${clause}\\.\\s`).test(text);
}
