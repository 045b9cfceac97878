import fs from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { csvField } from '../text/csvField.js';
import type { ImportRowResult } from './ImportRowResult.js';

/** Reads a file and reports progress; what an admin command's import does. */
export type Importer = (file: string, onRow: (done: number, total: number) => void) => Promise<ImportRowResult[]>;

/**
 * The admin command's side of an import: checks the file, shows a progress bar (on a terminal
 * only: in CI logs it would be noise), prints one line per row and a summary, and writes the
 * same rows as CSV to `reportFile` when given.
 * @returns the rows' results.
 */
export async function runImportCommand(file: string | undefined, reportFile: string | undefined, importer: Importer): Promise<ImportRowResult[]> {
  if (!file || !fs.existsSync(file) || !/\.(csv|xlsx)$/i.test(file)) throw new Error('give a .csv or .xlsx file');
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr }, Presets.shades_classic) : undefined;
  let results: ImportRowResult[];
  try {
    results = await importer(path.resolve(file), (done, total) => (done === 1 ? bar?.start(total, done) : bar?.update(done)));
  } finally {
    bar?.stop();
  }
  if (reportFile) {
    const lines = results.map((r) => [r.sheet, r.row, r.outcome, r.reason ?? ''].map(csvField).join(','));
    fs.writeFileSync(reportFile, ['sheet,row,outcome,reason', ...lines].join('\n') + '\n');
  }
  console.log(results.map((r) => `${r.sheet}\t${r.row}\t${r.outcome}${r.reason ? `\t${r.reason}` : ''}`).join('\n'));
  console.log(importSummary(results));
  return results;
}

/** "created 3, updated 1, unchanged 0, rejected 2". */
export function importSummary(results: readonly ImportRowResult[]): string {
  const count = (outcome: ImportRowResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return `created ${count('created')}, updated ${count('updated')}, unchanged ${count('unchanged')}, rejected ${count('rejected')}`;
}
