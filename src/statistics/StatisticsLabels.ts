import type { AreaCatalog } from '../areas/AreaCatalog.js';
import type { Locale, Texts } from '../i18n.js';
import type { LegalLibrary } from '../legal/LegalLibrary.js';
import { UNANSWERED_TOPIC } from '../legal/LegalTopicCounter.js';
import { ALL_ROWS, OTHER_TOPICS, type Statistics } from './collectStatistics.js';
import { NATIONAL_AREA } from '../directory/DirectoryEntries.js';

/** The tables of {@link Statistics}, each named by its key. */
export type StatisticsTableName = 'areas' | 'trend' | 'clubs' | 'legalTopics';

/** The words of a statistics view or export in one language: column headers and row names. */
export interface StatisticsLabels {
  readonly locale: Locale;
  /** A column key's header ("reports.kind.physical" → "Bạo lực thể chất"). */
  column(key: string): string;
  /**
   * A row's name: an area by its name in the area catalog (with its province), a legal topic
   * by its card's title or the article's citation, months and clubs by their key; the code or key
   * itself where the catalog or the legal content does not know it.
   */
  row(table: StatisticsTableName, key: string): string;
  /** A sheet's or section's title. */
  heading(key: 'areas' | 'trend' | 'clubs' | 'legalTopics' | 'area' | 'month' | 'club' | 'topic'): string;
}

/** `article:<law id>#<number>`, the legal dialog's topic key for an answer from an article. */
const ARTICLE_TOPIC = /^article:(.+)#(\d+)$/;

/**
 * Labels from `content/locales/<lang>/statistics.json`, the area catalog and the legal content.
 * @param legal - names topic cards and articles in `locale`.
 */
export function statisticsLabels(texts: Texts, locale: Locale, areas: AreaCatalog, legal: LegalLibrary): StatisticsLabels {
  const t = texts.t(locale);
  // "Ba Đình, Hà Nội": a commune's name alone may be that of a commune in another province (the
  // former district in between would mostly repeat the commune's name).
  const area = (key: string) => {
    if (key === '') return t('statistics:unknownArea');
    // The national hotlines' row (the directory's area code for the whole country).
    if (key === NATIONAL_AREA) return t('statistics:nationalArea');
    const lineage = areas.lineage(key);
    return [...new Set([lineage[0], lineage.at(-1)].map((found) => found?.name).filter((name) => name !== undefined))].join(', ') || key;
  };
  const topic = (key: string) => {
    if (key === OTHER_TOPICS) return t('statistics:otherTopics');
    if (key === UNANSWERED_TOPIC) return t('statistics:unanswered');
    const article = ARTICLE_TOPIC.exec(key);
    const ref = article && legal.article(article[1]!, Number(article[2]));
    if (ref) return legal.formatCitation(ref, locale);
    return legal.card(key)?.title[locale] ?? key;
  };
  const names: Record<StatisticsTableName, (key: string) => string> = { areas: area, trend: (key) => key, clubs: (key) => key, legalTopics: topic };
  return {
    locale,
    column: (key) => t(`statistics:column.${key}`),
    row: (table, key) => (key === ALL_ROWS ? t('statistics:total') : names[table](key)),
    heading: (key) => t(`statistics:heading.${key}`),
  };
}
