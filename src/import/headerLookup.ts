import { foldText } from '../text/foldText.js';

/**
 * A reader of a list's fields by the headers people give them, in English or Vietnamese, with or
 * without diacritics: `headerLookup({ name: ['name', 'tên'] })(row, 'name')` reads the first
 * non-empty cell under "Name", "Tên" or "Ten". Rows are keyed by folded header (see readSheets).
 * @returns the trimmed text, '' when no such column or cell.
 */
export function headerLookup<Field extends string>(headers: Readonly<Record<Field, readonly string[]>>): (row: Record<string, string>, field: Field) => string {
  return (row, field) => {
    for (const header of headers[field]) {
      const value = row[foldText(header)];
      if (value !== undefined && value.trim() !== '') return value.trim();
    }
    return '';
  };
}
