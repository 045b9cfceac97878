/** What became of one row of an imported list. */
export interface ImportRowResult {
  readonly sheet: string;
  /** The row number as the spreadsheet shows it (header = 1). */
  readonly row: number;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'rejected';
  /** Why a row was rejected. */
  readonly reason?: string;
}

/** What an importer says of one row: an outcome, or `{ rejected: reason }`. */
export type RowOutcome = Exclude<ImportRowResult['outcome'], 'rejected'> | { readonly rejected: string };
