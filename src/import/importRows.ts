import type { ImportRowResult, RowOutcome } from './ImportRowResult.js';
import type { Sheet } from './readSheets.js';

/**
 * Runs `importRow` on every non-empty row of the sheets, in order, and gives each a result. Rows
 * are handled one at a time: a later row may depend on an earlier one (a member on its club).
 * @param onRow - progress after each row (for the terminal's progress bar).
 */
export async function importRows(
  sheets: readonly Sheet[],
  importRow: (row: Record<string, string>, sheet: Sheet) => Promise<RowOutcome>,
  onRow?: (done: number, total: number) => void,
): Promise<ImportRowResult[]> {
  const filled = (row: Record<string, string>) => Object.values(row).some((value) => value.trim() !== '');
  const total = sheets.reduce((sum, sheet) => sum + sheet.rows.filter(filled).length, 0);
  const results: ImportRowResult[] = [];
  for (const sheet of sheets) {
    for (const [index, row] of sheet.rows.entries()) {
      if (!filled(row)) continue;
      const outcome = await importRow(row, sheet);
      const at = { sheet: sheet.name, row: index + 2 };
      results.push(typeof outcome === 'string' ? { ...at, outcome } : { ...at, outcome: 'rejected', reason: outcome.rejected });
      onRow?.(results.length, total);
    }
  }
  return results;
}
