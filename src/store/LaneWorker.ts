import type { Logger } from '../logger.js';
import { backoffDelay } from './backoffDelay.js';
import type { ClaimedRow, LaneQueue } from './LaneQueue.js';

/** How a {@link LaneWorker} runs. */
export interface LaneWorkerOptions<T extends ClaimedRow> {
  readonly name: string;
  readonly queue: LaneQueue;
  /** Lanes handled at once. */
  readonly concurrency: number;
  /** Rows of one lane claimed together (default 1): the head and the ones due right behind it. */
  readonly perLane?: number;
  /** More columns the claim returns with each row (see LaneQueue.claim). */
  readonly returning?: string;
  /**
   * Handles one lane's claimed rows, in order, and records each one's outcome through the queue
   * (finish / retryLater / release). A throw is a transient failure of the first row still held: it
   * is retried with backoff until `maxAttempts`, and the rows behind it are released (rows already
   * recorded keep what was recorded).
   */
  readonly handle: (rows: T[]) => Promise<void>;
  readonly maxAttempts: number;
  readonly logger: Logger;
  /** Longest sleep when there is nothing to do (new work also wakes the worker through {@link LaneWorker.wake}). */
  readonly idleMs?: number;
}

/** A worker as its owners see it: start, wake, drain, stop. */
export interface BackgroundWorker {
  start(): void;
  wake(): void;
  drain(horizonMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls a {@link LaneQueue} and runs its handler on claimed rows, a bounded number at once. Work
 * written by this process wakes it at once; work from other instances is found by polling.
 */
export class LaneWorker<T extends ClaimedRow> implements BackgroundWorker {
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;
  /** A wake came while the loop was not asleep (claiming, say): it must not be lost. */
  private wakeMissed = false;
  private loopDone: Promise<void> | undefined;

  constructor(private readonly options: LaneWorkerOptions<T>) {}

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Tells the worker that new work may be there. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakeMissed = true;
  }

  /** Stops claiming, waits for the rows in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Resolves when nothing is in hand and nothing is due within `horizonMs` (tests, benchmarks and
   * shutdown use it to let retries that are about to happen, happen).
   */
  async drain(horizonMs = 10_000): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.inFlight]);
      // While the worker is busy there is no need to ask the queue: wait for what it holds.
      if (this.inFlight.size > 0) continue;
      const next = await this.options.queue.nextDueInMs();
      if (this.inFlight.size === 0 && (next === undefined || next > horizonMs)) return;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(next ?? 5, 5), 100)));
    }
  }

  private async loop(): Promise<void> {
    const { queue, concurrency, logger, name } = this.options;
    const idleMs = this.options.idleMs ?? 1000;
    // Under load, claim when a quarter of the slots are free rather than each time one is: one claim
    // statement per few lanes instead of one per lane. An idle worker claims at once.
    const claimAt = Math.max(1, Math.floor(concurrency / 4));
    const canClaim = () => {
      const free = concurrency - this.inFlight.size;
      return free >= claimAt || (free > 0 && this.inFlight.size === 0);
    };
    while (this.running) {
      this.wakeMissed = false;
      let claimed: T[] = [];
      let failed = false;
      if (canClaim()) {
        try {
          claimed = await queue.claim<T>(concurrency - this.inFlight.size, this.options.perLane ?? 1, this.options.returning);
        } catch (error) {
          // The database is down or restarting: keep the process, try again shortly.
          failed = true;
          logger.warn({ worker: name, err: { message: (error as Error).message } }, 'claim failed');
        }
      }
      for (const lane of byLane(claimed)) this.track(lane);
      if (claimed.length === 0 || !canClaim()) {
        // stop() may have come while the loop was claiming.
        if (!this.running) break;
        let sleepMs = idleMs;
        // After a failed claim the loop waits its full idle time, whatever is due: a database that
        // answers some statements but not the claim is not asked (and logged) every few ms.
        if (!failed && claimed.length === 0 && this.inFlight.size === 0) {
          const next = await queue.nextDueInMs().catch(() => undefined);
          if (next !== undefined) sleepMs = Math.min(idleMs, Math.max(next, 5));
        }
        // Work announced while the loop was claiming may have been committed after the claim's
        // snapshot: look again now rather than sleep until other work ends (unless claims fail).
        if (this.wakeMissed && !failed) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, sleepMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  private track(rows: T[]): void {
    const { queue, handle, maxAttempts, logger, name } = this.options;
    const row = rows[0]!;
    const work = (async () => {
      try {
        await handle(rows);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const reason = typeof code === 'string' || typeof code === 'number' ? String(code) : (error as Error).name;
        logger.error({ worker: name, seq: row.seq, attempts: row.attempts, err: { type: (error as Error).name, message: (error as Error).message } }, 'work item failed');
        try {
          if (row.attempts >= maxAttempts) await queue.finish(row.seq, 'failed', { last_error: reason });
          else await queue.retryLater(row.seq, backoffDelay(row.attempts, 500, 60_000), reason);
          await queue.release(rows.slice(1).map((behind) => behind.seq));
        } catch (recordError) {
          // The lease runs out and the row is taken again: nothing is lost.
          logger.error({ worker: name, seq: row.seq, err: { message: (recordError as Error).message } }, 'could not record failure');
        }
      }
    })();
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.wake();
    });
  }
}

/** Splits claimed rows (grouped by lane, in order) into one list per lane. */
function byLane<T extends ClaimedRow>(rows: readonly T[]): T[][] {
  const lanes: T[][] = [];
  for (const row of rows) {
    const last = lanes.at(-1);
    if (last && last[0]!.lane_key === row.lane_key) last.push(row);
    else lanes.push([row]);
  }
  return lanes;
}
