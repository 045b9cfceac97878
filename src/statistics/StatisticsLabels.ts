import type { AreaCatalog } from '../areas/AreaCatalog.js';
import type { Locale, Texts } from '../i18n.js';
import { NATIONAL_AREA } from '../directory/DirectoryEntries.js';
import { ALL_ROWS } from './collectStatistics.js';

/** The words of a statistics export in one language: column headers and row names. */
export interface StatisticsLabels {
  readonly locale: Locale;
  /** A column key's header ("reports.kind.physical" → "Bạo lực thể chất"). */
  column(key: string): string;
  /** An area code's name: the catalog's for its slugs, the code itself otherwise. */
  area(key: string): string;
  /** A legal topic key: the topic card id or article key, or the words for "not answered". */
  topic(key: string): string;
  /** A sheet's or section's title. */
  heading(key: 'areas' | 'trend' | 'clubs' | 'legalTopics' | 'area' | 'month' | 'club' | 'topic'): string;
}

/** Labels from `content/locales/<lang>/statistics.json` and the area catalog. */
export function statisticsLabels(texts: Texts, locale: Locale, areas: AreaCatalog): StatisticsLabels {
  const t = texts.t(locale);
  return {
    locale,
    column: (key) => t(`statistics:column.${key}`),
    area: (key) => (key === ALL_ROWS ? t('statistics:total') : key === '' ? t('statistics:unknownArea') : key === NATIONAL_AREA ? t('statistics:nationalArea') : (areas.get(key)?.name ?? key)),
    topic: (key) => (key === 'unanswered' ? t('statistics:unanswered') : key),
    heading: (key) => t(`statistics:heading.${key}`),
  };
}
