/**
 * Exponential backoff with full jitter: a random delay in [base·2^(attempt-1) / 2, base·2^(attempt-1)],
 * capped. Jitter spreads retries of many messages so a recovering platform is not hit all at once.
 * @param attempt - 1 for the first retry.
 */
export function backoffDelay(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
