/**
 * Small-count suppression, so that no single case in a village can be recognised in a view or an
 * export.
 *
 * The rule:
 * - A count from 1 to 4 is shown as "< 5" (primary suppression). 0 stays 0: that nothing happened
 *   is not about anyone, and hiding it would make every sparse table unreadable.
 * - A suppressed count must not be recoverable by subtraction. Counts are published in groups that
 *   add up to a published total (an area's reports by urgency and its report total; an area's
 *   column in every area and the "all areas" row; the months of the trend and that same row; a
 *   club's meetings and the club; the clubs and their total; the legal topics, the others together
 *   and their total). Where exactly one member of a group (the total
 *   counts as a member) is hidden, the smallest other non-zero member is hidden too (secondary
 *   suppression), repeated until no group has a lone hidden member. A count hidden that way is
 *   shown as {@link HIDDEN}, not "< 5", since it may well be larger.
 * - Breakdowns whose parts overlap (a report names several kinds of violence; a closed report
 *   several outcomes) do not add up to the total, so subtraction recovers nothing: they are not
 *   groups, and only primary suppression applies within an area. Across areas they still add up,
 *   so their columns are groups.
 */

/** What is shown instead of a count from 1 to 4. */
export const SUPPRESSED = '< 5';
/** Counts below this (and above 0) are hidden. */
export const SUPPRESSION_THRESHOLD = 5;

/** What is shown instead of a count hidden only so that a "< 5" cannot be worked out from a total. */
export const HIDDEN = 'x';

/** A count as published: the number, {@link SUPPRESSED} or {@link HIDDEN}. */
export type ShownCount = number | typeof SUPPRESSED | typeof HIDDEN;

/** A count that is small enough to identify someone. */
function isSmallCount(count: number): boolean {
  return count > 0 && count < SUPPRESSION_THRESHOLD;
}

/** A group of cells of a table, `[row, column]` each, that add up to the group's `total` cell. */
export interface CellGroup {
  readonly total: readonly [number, number];
  readonly members: readonly (readonly [number, number])[];
}

/**
 * Suppresses a table of counts by the rule above.
 * @param values - rows of counts.
 * @param groups - the sums the table publishes.
 * @returns the table as shown.
 */
export function suppressTable(values: readonly (readonly number[])[], groups: readonly CellGroup[]): ShownCount[][] {
  const hidden = values.map((row) => row.map(isSmallCount));
  const valueAt = ([row, column]: readonly [number, number]) => values[row]?.[column] ?? 0;
  const isHidden = ([row, column]: readonly [number, number]) => hidden[row]?.[column] ?? false;
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      const cells = [...group.members, group.total];
      if (cells.filter(isHidden).length !== 1) continue;
      // Members before the total: hiding a breakdown cell loses less than hiding the total.
      const candidate = cells
        .filter((cell) => !isHidden(cell) && valueAt(cell) > 0)
        .reduce<readonly [number, number] | undefined>((best, cell) => (best === undefined || valueAt(cell) < valueAt(best) ? cell : best), undefined);
      if (!candidate) continue;
      hidden[candidate[0]]![candidate[1]] = true;
      changed = true;
    }
  }
  return values.map((row, r) => row.map((count, c) => (!hidden[r]![c] ? count : isSmallCount(count) ? SUPPRESSED : HIDDEN)));
}
