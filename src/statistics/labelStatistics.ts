import type { Statistics, StatisticsTable } from './collectStatistics.js';
import type { StatisticsLabels, StatisticsTableName } from './StatisticsLabels.js';

/** A table whose rows carry their names in the viewer's language. */
export type LabelledTable = StatisticsTable & { readonly rows: readonly (StatisticsTable['rows'][number] & { readonly label: string })[] };

/** The statistics as the JSON view sends them: every row of every table named (see {@link StatisticsLabels.row}). */
export type LabelledStatistics = Omit<Statistics, StatisticsTableName> & Readonly<Record<StatisticsTableName, LabelledTable>>;

/**
 * Names the rows of every table with the same labels the exports use, so the page shows what the
 * files say (area names, topic titles) and needs no content of its own.
 */
export function labelStatistics(statistics: Statistics, labels: StatisticsLabels): LabelledStatistics {
  const label = (table: StatisticsTableName): LabelledTable => ({
    ...statistics[table],
    rows: statistics[table].rows.map((row) => ({ ...row, label: labels.row(table, row.key) })),
  });
  return { ...statistics, areas: label('areas'), trend: label('trend'), clubs: label('clubs'), legalTopics: label('legalTopics') };
}
