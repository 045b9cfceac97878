import type ExcelJS from 'exceljs';
import type { Statistics } from './collectStatistics.js';
import type { StatisticsLabels, StatisticsTableName } from './StatisticsLabels.js';

/**
 * The statistics as an XLSX workbook: the half-year report (one row per area) first, then the
 * monthly trend, the clubs and the legal topics. Suppressed counts are the text "< 5", never the
 * number, so nothing in the file (not even a formula) holds the hidden value.
 */
export async function statisticsWorkbook(statistics: Statistics, labels: StatisticsLabels): Promise<Buffer> {
  // Loaded on the first export, not at start-up: it weighs about 30 MB and most instances never export.
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const workbook = new Workbook();
  workbook.creator = 'family-safety-assistant';
  const sheet = (table: StatisticsTableName, keyHeading: Parameters<StatisticsLabels['heading']>[0]) => {
    const worksheet = workbook.addWorksheet(labels.heading(table));
    worksheet.addRow([labels.heading(keyHeading), ...statistics[table].columns.map(labels.column)]).font = { bold: true };
    for (const row of statistics[table].rows) worksheet.addRow([labels.row(table, row.key), ...row.cells.map((cell) => cell ?? '')]);
    worksheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
    worksheet.getColumn(1).width = 28;
  };
  sheet('areas', 'area');
  sheet('trend', 'month');
  sheet('clubs', 'club');
  sheet('legalTopics', 'topic');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
