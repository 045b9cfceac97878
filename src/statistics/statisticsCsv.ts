import { csvField } from '../text/csvField.js';
import type { Statistics } from './collectStatistics.js';
import type { StatisticsLabels } from './StatisticsLabels.js';

/** Excel opens a CSV as UTF-8 (and shows Vietnamese) only when it starts with the byte order mark. */
const BOM = '\uFEFF';

/**
 * The half-year report as CSV: one line per area, then all areas together; counts already
 * suppressed ("< 5"), times in minutes or empty when too few cases stand behind them.
 */
export function statisticsCsv(statistics: Statistics, labels: StatisticsLabels): string {
  const { areas } = statistics;
  const header = [labels.heading('area'), ...areas.columns.map(labels.column)];
  const lines = areas.rows.map((row) => [labels.row('areas', row.key), ...row.cells.map((cell) => cell ?? '')]);
  return BOM + [header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
