import { GroupCommit } from '../../src/store/GroupCommit.js';

/** A run function that records its batches and finishes when told to. */
function gatedRun() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((item) => item * 10);
  };
  return { batches, run, open: () => gates.shift()?.() };
}

/** Lets the promise callbacks that follow a batch's end run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs a lone item at once, and batches what arrives while a statement is under way', async () => {
    const { batches, run, open } = gatedRun();
    const group = new GroupCommit(run, 100, 1);
    const first = group.submit(1);
    const rest = [group.submit(2), group.submit(3), group.submit(4)];
    expect(batches).toEqual([[1]]);
    open();
    expect(await first).toBe(10);
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    open();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps batches within the size limit and runs up to maxInFlight at once', async () => {
    const { batches, run, open } = gatedRun();
    const group = new GroupCommit(run, 2, 2);
    const all = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    expect(batches).toEqual([[1], [2]]);
    open();
    await all[0];
    await settle();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    open();
    await all[1];
    await settle();
    expect(batches).toEqual([[1], [2], [3, 4], [5]]);
    open();
    open();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
  });

  it('fails every caller of a failed batch, and carries on with the next', async () => {
    let fail = true;
    const group = new GroupCommit(async (items: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      return items;
    }, 10, 1);
    const doomed = [group.submit(1)];
    const later = group.submit(2);
    await expect(doomed[0]).rejects.toThrow('database down');
    expect(await later).toBe(2);
  });
});
