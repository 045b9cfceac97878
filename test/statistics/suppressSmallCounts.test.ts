import { HIDDEN, SUPPRESSED, suppressTable, type CellGroup } from '../../src/statistics/suppressSmallCounts.js';

/** A group over one row: `members` columns add up to the `total` column. */
const rowGroup = (row: number, total: number, members: readonly number[]): CellGroup => ({ total: [row, total], members: members.map((column) => [row, column] as const) });
/** A group over one column: `members` rows add up to the `total` row. */
const columnGroup = (column: number, total: number, members: readonly number[]): CellGroup => ({ total: [total, column], members: members.map((row) => [row, column] as const) });

describe('primary suppression (a count with no total it could be recovered from)', () => {
  it.each([
    [0, 0],
    [1, SUPPRESSED],
    [2, SUPPRESSED],
    [4, SUPPRESSED],
    [5, 5],
    [120, 120],
  ])('%i is shown as %p', (count, shown) => {
    expect(suppressTable([[count]], [])).toEqual([[shown]]);
  });
});

describe('suppressTable', () => {
  it('keeps 0 and counts of 5 or more, hides 1 to 4 as "< 5" when no group asks for more', () => {
    expect(suppressTable([[0, 1, 4, 5, 9]], [])).toEqual([[0, SUPPRESSED, SUPPRESSED, 5, 9]]);
  });

  it('hides the smallest other non-zero member of a group with one hidden cell, as "x"', () => {
    // total 20 = 3 + 7 + 10: 20 − 7 − 10 would give the 3 back, so the 7 goes too.
    expect(suppressTable([[20, 3, 7, 10]], [rowGroup(0, 0, [1, 2, 3])])).toEqual([[20, SUPPRESSED, HIDDEN, 10]]);
  });

  it('does not pick a zero as the second hidden cell (a 0 hides nothing)', () => {
    expect(suppressTable([[9, 3, 0, 6]], [rowGroup(0, 0, [1, 2, 3])])).toEqual([[9, SUPPRESSED, 0, HIDDEN]]);
  });

  it('leaves a group with two hidden cells alone: a total minus the rest gives only their sum', () => {
    expect(suppressTable([[12, 2, 3, 7]], [rowGroup(0, 0, [1, 2, 3])])).toEqual([[12, SUPPRESSED, SUPPRESSED, 7]]);
  });

  it('hides the total when it is the only other non-zero cell of the group', () => {
    // Cells 1 + 3 = 4 (6 + 2 = 8) and cells 1 + 2 = 0 (6 + 0 = 6). The 2 hides the 6 of cell 1,
    // which is then alone in its other group: its total would repeat it, so the total goes too.
    const groups = [rowGroup(0, 4, [1, 3]), rowGroup(0, 0, [1, 2])];
    expect(suppressTable([[6, 6, 0, 2, 8]], groups)).toEqual([[HIDDEN, HIDDEN, 0, SUPPRESSED, 8]]);
  });

  it('repeats until no group has a lone hidden cell (a hidden cell may open another group)', () => {
    // Area rows 0 and 1, total row 2; each row: total, then a breakdown of it in columns 1 and 2.
    const values = [
      [10, 2, 8],
      [12, 6, 6],
      [22, 8, 14],
    ];
    const groups = [rowGroup(0, 0, [1, 2]), rowGroup(1, 0, [1, 2]), rowGroup(2, 0, [1, 2]), columnGroup(0, 2, [0, 1]), columnGroup(1, 2, [0, 1]), columnGroup(2, 2, [0, 1])];
    const shown = suppressTable(values, groups);
    // Row 0: 2 hidden → 8 hidden. Column 1: 2 hidden → 6 hidden. Row 1: 6 hidden → the other 6.
    // Column 2: 8 and 6 hidden, 14 shown: two hidden, safe. Totals all stay.
    expect(shown).toEqual([
      [10, SUPPRESSED, HIDDEN],
      [12, HIDDEN, HIDDEN],
      [22, 8, 14],
    ]);
  });

  it('applies only primary suppression across overlapping breakdowns (not passed as a group)', () => {
    // Reports 7: physical 7, mental 2. Kinds overlap (one report names several), so 7 − 7 says
    // nothing about the 2 and the 7s stay.
    expect(suppressTable([[7, 7, 2]], [])).toEqual([[7, 7, SUPPRESSED]]);
  });

  it('protects an overlapping breakdown across areas, where its column still adds up', () => {
    // Column 1 (mental violence) in two areas and all areas: 2 + 9 = 11.
    const values = [
      [7, 2],
      [9, 9],
      [16, 11],
    ];
    expect(suppressTable(values, [columnGroup(0, 2, [0, 1]), columnGroup(1, 2, [0, 1])])).toEqual([
      [7, SUPPRESSED],
      [9, HIDDEN],
      [16, 11],
    ]);
  });

  it('never leaves a lone hidden cell in any group of random area tables', () => {
    // A fixed linear congruential sequence: the same 300 tables every run.
    let seed = 42;
    const next = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % below);
    for (let table = 0; table < 300; table++) {
      const areas = 1 + next(5);
      // Per area: a breakdown of three parts (columns 1..3), its total in column 0; small counts likely.
      const rows = Array.from({ length: areas }, () => {
        const parts = [next(8), next(8), next(12)];
        return [parts.reduce((sum, part) => sum + part, 0), ...parts];
      });
      const values = [...rows, [0, 1, 2, 3].map((column) => rows.reduce((sum, row) => sum + row[column]!, 0))];
      const totalRow = values.length - 1;
      const groups = [
        ...values.map((_, row) => rowGroup(row, 0, [1, 2, 3])),
        ...[0, 1, 2, 3].map((column) => columnGroup(column, totalRow, rows.map((_, row) => row))),
      ];
      const shown = suppressTable(values, groups);
      for (const group of groups) {
        const cells = [...group.members, group.total].map(([row, column]) => shown[row]![column]);
        expect([table, cells.filter((cell) => typeof cell === 'string').length === 1]).toEqual([table, false]);
      }
      // Every 1..4 is "< 5" and every shown number is the true one.
      values.forEach((row, r) => row.forEach((count, c) => expect(shown[r]![c]).toBe(count > 0 && count < 5 ? SUPPRESSED : shown[r]![c] === HIDDEN ? HIDDEN : count)));
    }
  });
});
