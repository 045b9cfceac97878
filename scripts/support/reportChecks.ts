/** One verdict of a fault or fuzz run: name, whether it held, and what was measured. */
export type Check = readonly [name: string, ok: boolean, detail: string];

/**
 * Prints each check and the closing "N passed, N failed" line CI reads, then exits 0 only when all
 * held.
 */
export function reportChecks(checks: readonly Check[]): never {
  for (const [name, ok, detail] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/** Runs a script's main function; an unexpected error fails the run with exit code 1. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
