import { createLogger } from '../../src/logger.js';
import type { ClaimedRow, LaneQueue } from '../../src/store/LaneQueue.js';
import { LaneWorker } from '../../src/store/LaneWorker.js';

const row = (seq: string, lane: string): ClaimedRow => ({ seq, lane_key: lane, attempts: 1 });

/**
 * A queue whose claims answer what the test scripts, one claim at a time: each claim waits until the
 * test answers it, so the test can act while a claim is under way.
 */
function scriptedQueue() {
  const claims: ((rows: ClaimedRow[]) => void)[] = [];
  const queue = {
    claim: () => new Promise<ClaimedRow[]>((resolve) => claims.push(resolve)),
    nextDueInMs: async () => undefined,
  } as unknown as LaneQueue;
  /** The claim under way, once the worker makes it (a worker that never does fails the test in 2 s, not at Jest's timeout). */
  const nextClaim = async () => {
    const deadline = Date.now() + 2_000;
    while (claims.length === 0) {
      if (Date.now() > deadline) throw new Error('the worker made no claim');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return claims.shift()!;
  };
  return { queue, nextClaim };
}

describe('LaneWorker', () => {
  it('looks again at once for work announced while a claim was under way, even while other work holds it', async () => {
    const { queue, nextClaim } = scriptedQueue();
    const handled: string[] = [];
    let finishFirst!: () => void;
    const worker = new LaneWorker<ClaimedRow>({
      name: 'test',
      queue,
      concurrency: 4,
      maxAttempts: 3,
      logger: createLogger('silent'),
      // Longer than the test: only a wake can end the worker's sleep.
      idleMs: 60_000,
      handle: async ([claimed]) => {
        handled.push(claimed!.seq);
        if (claimed!.seq === '1') await new Promise<void>((resolve) => (finishFirst = resolve));
      },
    });
    worker.start();
    // A long turn is in hand; the next claim finds nothing, but new work is announced meanwhile (its
    // row committed too late for that claim to see it).
    (await nextClaim())([row('1', 'a')]);
    const empty = await nextClaim();
    worker.wake();
    empty([]);
    // The worker claims again instead of sleeping until the long turn ends.
    (await nextClaim())([row('2', 'b')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual(['1', '2']);
    finishFirst();
    const stopped = worker.stop();
    (await nextClaim())([]);
    await stopped;
  });

  it('waits its idle time after a failed claim even when work is due, and stops at once when told to', async () => {
    let claims = 0;
    const queue = {
      claim: async () => {
        claims++;
        throw new Error('statement timeout');
      },
      nextDueInMs: async () => 0,
    } as unknown as LaneQueue;
    const worker = new LaneWorker<ClaimedRow>({ name: 'test', queue, concurrency: 4, maxAttempts: 3, logger: createLogger('silent'), idleMs: 60_000, handle: async () => undefined });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const claimsMade = claims;
    const stopped = await Promise.race([worker.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still running'), 1_000))]);
    expect(stopped).toBe('stopped');
    expect(claimsMade).toBe(1);
  });
});
