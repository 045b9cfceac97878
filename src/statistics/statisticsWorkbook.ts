import ExcelJS from 'exceljs';
import { ALL_ROWS, type Statistics, type StatisticsTable } from './collectStatistics.js';
import type { StatisticsLabels } from './StatisticsLabels.js';

/**
 * The statistics as an XLSX workbook: the half-year report (one row per area) first, then the
 * monthly trend, the clubs and the legal topics. Suppressed counts are the text "< 5", never the
 * number, so nothing in the file (not even a formula) holds the hidden value.
 */
export async function statisticsWorkbook(statistics: Statistics, labels: StatisticsLabels): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'family-safety-assistant';
  const sheet = (title: string, keyHeading: string, table: StatisticsTable, rowLabel: (key: string) => string) => {
    const worksheet = workbook.addWorksheet(title);
    worksheet.addRow([keyHeading, ...table.columns.map(labels.column)]).font = { bold: true };
    for (const row of table.rows) worksheet.addRow([rowLabel(row.key), ...row.cells.map((cell) => cell ?? '')]);
    worksheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
    worksheet.getColumn(1).width = 28;
  };
  sheet(labels.heading('areas'), labels.heading('area'), statistics.areas, labels.area);
  // Months and clubs are named by their key; only the row of all of them needs words.
  const total = (key: string) => (key === ALL_ROWS ? labels.area(key) : key);
  sheet(labels.heading('trend'), labels.heading('month'), statistics.trend, total);
  sheet(labels.heading('clubs'), labels.heading('club'), statistics.clubs, total);
  sheet(labels.heading('legalTopics'), labels.heading('topic'), statistics.legalTopics, labels.topic);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
