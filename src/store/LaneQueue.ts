import type { SqlExecutor, SqlRow } from './Database.js';

/** The tables that are lane queues. Names are constants, never user input, so they may be interpolated. */
export type LaneTable = 'inbound_event' | 'outbox_message';

/** A claimed row: its sequence number, lane and attempt count (the caller reads what else it needs). */
export interface ClaimedRow extends SqlRow {
  seq: string;
  lane_key: string;
  attempts: number;
}

/**
 * A table of work items processed strictly in `seq` order within a lane (one person) and in parallel
 * across lanes, by any number of workers in any number of processes.
 *
 * Only a lane's head (its oldest unfinished row) can be claimed, and only when it is due and not
 * leased: so one person's items never run concurrently or out of order, and an item whose worker
 * died is taken again when its lease runs out. The claim is a single UPDATE that re-checks the
 * status under the row lock, so two workers never both win the same row.
 */
export class LaneQueue {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly table: LaneTable,
    private readonly leaseSeconds: number,
  ) {}

  /**
   * Leases up to `limit` due lane heads, returning them with all their columns; with `perLane` > 1
   * also up to `perLane - 1` rows queued right behind each head that are due now, so a person's
   * next messages go out with one claim (their handler must finish or {@link release} them, in order).
   *
   * A row is a head when no earlier unfinished row of its lane exists. The database function
   * `<table>_claim` (migration lane_queue_scans) takes rows whose lease ran out, then due pending
   * rows, in `seq` order, locked with SKIP LOCKED so concurrent claimers pass each other instead of
   * waiting, with a plan that cannot drift with the table's statistics.
   * @param returning - more columns to return, SQL over the claimed `row` (what the handler would
   *   otherwise read in a query of its own). It reads with this statement's snapshot, taken a
   *   moment before the function's own: a row committed in between is claimed but not seen by it,
   *   so a handler that finds nothing there must ask again before acting on "missing".
   * @returns the rows of each lane together, in `seq` order.
   */
  async claim<T extends ClaimedRow>(limit: number, perLane = 1, returning?: string): Promise<T[]> {
    const rows = await this.sql.query<T>(
      `SELECT row.*${returning ? `, ${returning}` : ''} FROM ${this.table}_claim($1, $2, $3) AS row`,
      [limit, this.leaseSeconds, perLane - 1],
    );
    return rows.sort((a, b) => (a.lane_key === b.lane_key ? compareSeq(a.seq, b.seq) : a.lane_key < b.lane_key ? -1 : 1));
  }

  /**
   * Gives back claimed rows that were not attempted (behind a head that failed): pending again, due
   * as before, their attempt not counted.
   */
  async release(seqs: readonly string[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.sql.query(
      `UPDATE ${this.table} SET status = 'pending', locked_until = NULL, attempts = attempts - 1 WHERE seq = ANY($1::bigint[]) AND status = 'processing'`,
      [seqs],
    );
  }

  /** Marks a claimed row finished with a final status (`done`, `sent`, `failed`, `window_closed`...). */
  async finish(seq: string, status: string, fields: Record<string, unknown> = {}): Promise<void> {
    const names = Object.keys(fields);
    const sets = names.map((name, i) => `${name} = $${i + 3}`);
    await this.sql.query(
      // Only a row still held: one its handler already recorded stays as recorded.
      `UPDATE ${this.table} SET status = $2, locked_until = NULL${sets.length ? ', ' + sets.join(', ') : ''} WHERE seq = $1 AND status = 'processing'`,
      [seq, status, ...names.map((name) => fields[name])],
    );
  }

  /** Puts a claimed row back to wait until `delayMs` from now; it stays its lane's head, so order holds. */
  async retryLater(seq: string, delayMs: number, lastError: string): Promise<void> {
    await this.sql.query(
      `UPDATE ${this.table}
       SET status = 'pending', locked_until = NULL, last_error = $3,
           next_attempt_at = now() + make_interval(secs => $2)
       WHERE seq = $1 AND status = 'processing'`,
      [seq, delayMs / 1000, lastError],
    );
  }

  /**
   * The earliest moment a lane head becomes claimable, for the worker's sleep; undefined when idle.
   * Only heads count: rows queued behind a head that waits for its retry are not due before it
   * (the database function `<table>_next_due`, migration lane_queue_scans).
   */
  async nextDueInMs(): Promise<number | undefined> {
    const rows = await this.sql.query<{ ms: number | null }>(`SELECT EXTRACT(EPOCH FROM (${this.table}_next_due() - now())) * 1000 AS ms`);
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? undefined : Math.max(0, Number(ms));
  }
}

/** Orders `seq` values numerically (bigint: a string from pg, a number or bigint from PGlite). */
function compareSeq(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
