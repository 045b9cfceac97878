import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { foldText } from '../text/foldText.js';

/** A sheet of rows keyed by folded header ("Mã CLB" → "ma clb"). */
export interface Sheet {
  readonly name: string;
  readonly rows: Record<string, string>[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores a typed "19:30" as a date on 1899-12-30; a date cell as midnight UTC.
    return value.getUTCFullYear() < 1901
      ? `${String(value.getUTCHours()).padStart(2, '0')}:${String(value.getUTCMinutes()).padStart(2, '0')}`
      : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

/** Reads a CSV (',' or ';', with or without BOM) or an XLSX workbook (every sheet) into keyed rows. */
export async function readSheets(file: string): Promise<Sheet[]> {
  const keyed = (header: string[], cells: string[]) => Object.fromEntries(header.map((h, i) => [foldText(h), cells[i] ?? '']));
  if (path.extname(file).toLowerCase() === '.xlsx') {
    // Loaded only for a workbook (about 30 MB): the service itself never needs it.
    const { Workbook } = require('exceljs') as typeof ExcelJS;
    const workbook = new Workbook();
    await workbook.xlsx.readFile(file);
    return workbook.worksheets.map((sheet) => {
      // Blank rows are holes in the sparse array: Array.from visits them (map would skip them).
      const values = Array.from(sheet.getSheetValues().slice(1), (row) => (Array.isArray(row) ? Array.from(row.slice(1), (v) => cellText(v as ExcelJS.CellValue)) : []));
      const [header = [], ...rest] = values;
      return { name: sheet.name, rows: rest.map((cells) => keyed(header, cells)) };
    });
  }
  const records = parseCsv(fs.readFileSync(file), { bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: false }) as string[][];
  const [header = [], ...rest] = records;
  return [{ name: path.basename(file), rows: rest.map((cells) => keyed(header, cells)) }];
}
