-- Written by hand (Prisma's schema has no functions): the lane-queue claim and the "when is the next
-- row due" read, whose plans must not drift with the table's statistics nor be made anew on every
-- call (src/store/LaneQueue.ts); one pair of functions per queue table: <table>_claim and
-- <table>_next_due.
--
-- Every status change writes a new row version and a new entry in the status indexes; the old
-- entries stay until VACUUM. A bitmap scan visits every one of them and its heap page on each call,
-- and the planner picks one whenever its (often stale) statistics promise few rows: after a burst
-- of 6,000 turns a claim read 10,000 entries and 600 pages to find 14 rows, 3 to 5 ms, on every
-- claim. Planning cost as much again: estimating `next_attempt_at <= now()` makes the planner probe
-- the index's live end through the same dead entries.
--
-- So the plan is pinned: generic (for any limit), kept by PL/pgSQL for the connection's life (made
-- again only when ANALYZE or VACUUM changes the table's statistics) and the same whatever those
-- say, with everything but index scans and nested loops made dear:
-- - candidates come from the (status, seq) index in seq order, and the scan stops at the limit
--   however many rows wait behind it (99,000 pending reminders);
-- - a plain index scan marks the dead entries it meets, so later scans skip them;
-- - "is there an earlier unfinished row in this lane", the rows queued behind a head and the update
--   itself are index probes per row. A plan made while the table was (nearly) empty, as on a new
--   database, otherwise read the whole table per candidate (70 ms a claim after 10,000 turns), or
--   with sequential scans off the whole lane index (90 ms with 99,000 reminders queued). The lane
--   check is written as a scalar subquery for that reason: unlike NOT EXISTS it is never turned
--   into a join, so it always looks its lane up by the lane index.
DO $migration$
DECLARE
  queue TEXT;
  -- The pinned plan's settings, for the statements of each function.
  pinned CONSTANT TEXT := 'SET enable_bitmapscan = off SET enable_sort = off SET enable_seqscan = off
    SET enable_hashjoin = off SET enable_mergejoin = off SET plan_cache_mode = force_generic_plan';
  -- SQL: row `c` is its lane's head (no earlier unfinished row in its lane).
  is_head TEXT;
BEGIN
  FOREACH queue IN ARRAY ARRAY['inbound_event', 'outbox_message'] LOOP
    is_head := format($sql$(SELECT e.seq FROM %1$I AS e
      WHERE e.lane_key = c.lane_key AND e.seq < c.seq AND e.status IN ('pending', 'processing')
      LIMIT 1) IS NULL$sql$, queue);

    -- Leases up to `max_heads` claimable lane heads, oldest first: rows whose worker died (lease
    -- run out), then due pending rows; with each, up to `max_behind` rows queued right behind it
    -- that are due too (an unbroken run: a row waiting for its retry stops it). A head is a row
    -- with no earlier unfinished row in its lane. Heads are locked with SKIP LOCKED, so concurrent
    -- claimers pass each other instead of waiting; rows behind a head need no lock of their own,
    -- as nobody else can claim them while their head is unfinished. The columns keep
    -- milliseconds, rounded: a row stored a moment ago may read up to half a millisecond in the
    -- future, hence the tolerance.
    EXECUTE format($fn$
      CREATE FUNCTION %1$I(max_heads INTEGER, lease_seconds DOUBLE PRECISION, max_behind INTEGER) RETURNS SETOF %2$I
      LANGUAGE plpgsql
      -- A claim's size (the planner's default, 1,000, would make callers join it by a hash).
      ROWS 32
      %3$s
      AS $body$
      BEGIN
        RETURN QUERY
        WITH expired AS (
          SELECT c.seq, c.lane_key FROM %2$I AS c
          WHERE c.status = 'processing' AND c.locked_until < now()
            AND %4$s
          ORDER BY c.seq
          LIMIT max_heads
          FOR UPDATE SKIP LOCKED
        ),
        pending AS (
          SELECT c.seq, c.lane_key FROM %2$I AS c
          WHERE c.status = 'pending' AND c.next_attempt_at <= now() + interval '1 millisecond'
            AND %4$s
          ORDER BY c.seq
          LIMIT max_heads
          FOR UPDATE SKIP LOCKED
        ),
        heads AS (SELECT * FROM (SELECT * FROM expired UNION ALL SELECT * FROM pending) AS both_kinds LIMIT max_heads),
        batch AS (
          SELECT h.seq FROM heads AS h
          UNION ALL
          SELECT run.seq FROM heads AS h CROSS JOIN LATERAL (
            SELECT n.seq, bool_and(n.status = 'pending' AND n.next_attempt_at <= now() + interval '1 millisecond') OVER (ORDER BY n.seq) AS unbroken
            FROM %2$I AS n
            WHERE n.lane_key = h.lane_key AND n.seq > h.seq AND n.status IN ('pending', 'processing')
            ORDER BY n.seq
            LIMIT max_behind
          ) AS run
          WHERE run.unbroken
        ),
        claimed AS (
          UPDATE %2$I AS claimed_row
          SET status = 'processing', locked_until = now() + make_interval(secs => lease_seconds), attempts = claimed_row.attempts + 1
          FROM batch
          WHERE claimed_row.seq = batch.seq
          RETURNING claimed_row.*
        )
        SELECT * FROM claimed;
      END;
      $body$
    $fn$, queue || '_claim', queue, pinned, is_head);

    -- The earliest moment a lane head becomes claimable (a pending head's due time or a lease's
    -- end), null when the queue is idle. Only heads count: rows behind a head waiting for its
    -- retry are not due before it. Pending rows are read in due order until the first head.
    EXECUTE format($fn$
      CREATE FUNCTION %1$I() RETURNS TIMESTAMPTZ
      LANGUAGE plpgsql
      %3$s
      AS $body$
      BEGIN
        RETURN LEAST(
          (SELECT c.next_attempt_at FROM %2$I AS c
           WHERE c.status = 'pending'
             AND %4$s
           ORDER BY c.next_attempt_at LIMIT 1),
          (SELECT min(locked_until) FROM %2$I WHERE status = 'processing'));
      END;
      $body$
    $fn$, queue || '_next_due', queue, pinned, is_head);
  END LOOP;
END;
$migration$;
