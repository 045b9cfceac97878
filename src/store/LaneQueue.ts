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
   * Leases up to `limit` due lane heads, returning them with all their columns.
   *
   * A row is a head when no earlier unfinished row of its lane exists. Candidates are read in
   * `seq` order from the (status, seq) index and locked with SKIP LOCKED, so the cost does not grow
   * with the backlog and concurrent claimers pass each other instead of waiting.
   */
  async claim<T extends ClaimedRow>(limit: number): Promise<T[]> {
    const t = this.table;
    return this.sql.query<T>(
      `WITH due AS (
         SELECT c.seq FROM ${t} AS c
         -- The columns keep milliseconds, rounded: a row stored a moment ago may read up to half a
         -- millisecond in the future, hence the tolerance.
         WHERE ((c.status = 'pending' AND c.next_attempt_at <= now() + interval '1 millisecond')
                OR (c.status = 'processing' AND c.locked_until < now()))
           AND NOT EXISTS (
             SELECT 1 FROM ${t} AS e
             WHERE e.lane_key = c.lane_key AND e.seq < c.seq AND e.status IN ('pending', 'processing'))
         ORDER BY c.seq
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE ${t} AS row
       SET status = 'processing', locked_until = now() + make_interval(secs => $2), attempts = row.attempts + 1
       FROM due
       WHERE row.seq = due.seq
       RETURNING row.*`,
      [limit, this.leaseSeconds],
    );
  }

  /** Marks a claimed row finished with a final status (`done`, `sent`, `failed`, `window_closed`...). */
  async finish(seq: string, status: string, fields: Record<string, unknown> = {}): Promise<void> {
    const names = Object.keys(fields);
    const sets = names.map((name, i) => `${name} = $${i + 3}`);
    await this.sql.query(
      `UPDATE ${this.table} SET status = $2, locked_until = NULL${sets.length ? ', ' + sets.join(', ') : ''} WHERE seq = $1`,
      [seq, status, ...names.map((name) => fields[name])],
    );
  }

  /** Puts a claimed row back to wait until `delayMs` from now; it stays its lane's head, so order holds. */
  async retryLater(seq: string, delayMs: number, lastError: string): Promise<void> {
    await this.sql.query(
      `UPDATE ${this.table}
       SET status = 'pending', locked_until = NULL, last_error = $3,
           next_attempt_at = now() + make_interval(secs => $2)
       WHERE seq = $1`,
      [seq, delayMs / 1000, lastError],
    );
  }

  /**
   * The earliest moment a lane head becomes claimable, for the worker's sleep; undefined when idle.
   * Only heads count: rows queued behind a head that waits for its retry are not due before it.
   */
  async nextDueInMs(): Promise<number | undefined> {
    const t = this.table;
    const rows = await this.sql.query<{ ms: number | null }>(
      `SELECT EXTRACT(EPOCH FROM (MIN(CASE WHEN c.status = 'pending' THEN c.next_attempt_at ELSE c.locked_until END) - now())) * 1000 AS ms
       FROM ${t} AS c
       WHERE c.status IN ('pending', 'processing')
         AND NOT EXISTS (
           SELECT 1 FROM ${t} AS e
           WHERE e.lane_key = c.lane_key AND e.seq < c.seq AND e.status IN ('pending', 'processing'))`,
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? undefined : Math.max(0, Number(ms));
  }
}
