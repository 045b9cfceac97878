import type { SqlExecutor } from '../../src/store/Database.js';
import { LaneQueue } from '../../src/store/LaneQueue.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';

type Row = { seq: string; lane_key: string; attempts: number; payload: string };

/** Inserts `count` pending events per lane, payload `<lane>#<i>`, in lane order. */
async function insertEvents(sql: SqlExecutor, lanes: Record<string, number>): Promise<void> {
  let n = 0;
  for (const [lane, count] of Object.entries(lanes)) {
    for (let i = 0; i < count; i++) {
      await sql.query("INSERT INTO inbound_event (channel, dedupe_key, lane_key, payload) VALUES ('t', $1, $2, $3)", [`k${n++}`, lane, `${lane}#${i}`]);
    }
  }
}

describe.each(DATABASE_KINDS)('LaneQueue on %s', (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.dispose());

  it('hands out only the head of each lane, in order, until it is finished', async () => {
    await insertEvents(testDb.db.sql, { alice: 3, bob: 1 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    const first = await queue.claim<{ seq: string; lane_key: string; attempts: number; payload: string }>(10);
    expect(first.map((r) => r.payload).sort()).toEqual(['alice#0', 'bob#0']);
    expect(await queue.claim(10)).toEqual([]);
    await queue.finish(first.find((r) => r.lane_key === 'alice')!.seq, 'done');
    const second = await queue.claim<{ payload: string; seq: string; lane_key: string; attempts: number }>(10);
    expect(second.map((r) => r.payload)).toEqual(['alice#1']);
  });

  it('gives a crashed worker\'s item to another worker once its lease has run out', async () => {
    await insertEvents(testDb.db.sql, { carol: 2 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 0.2);
    const [taken] = await queue.claim<{ seq: string; lane_key: string; attempts: number; payload: string }>(1);
    expect(taken!.payload).toBe('carol#0');
    expect(await queue.claim(1)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [again] = await queue.claim<{ seq: string; lane_key: string; attempts: number; payload: string }>(1);
    expect([again!.payload, again!.attempts]).toEqual(['carol#0', 2]);
  });

  it('keeps a lane waiting behind an item scheduled for retry (order is never broken)', async () => {
    await insertEvents(testDb.db.sql, { dave: 2 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    const [head] = await queue.claim<{ seq: string; lane_key: string; attempts: number }>(5);
    await queue.retryLater(head!.seq, 60_000, 'http_500');
    expect(await queue.claim(5)).toEqual([]);
    expect(await queue.nextDueInMs()).toBeGreaterThan(50_000);
  });

  it('claims the rows due right behind a head with it, grouped by lane and in order', async () => {
    await insertEvents(testDb.db.sql, { alice: 4, bob: 1 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    const first = await queue.claim<Row>(10, 3);
    expect(first.map((r) => r.payload)).toEqual(expect.arrayContaining(['alice#0', 'alice#1', 'alice#2', 'bob#0']));
    const alice = first.filter((r) => r.lane_key === 'alice');
    expect(alice.map((r) => r.payload)).toEqual(['alice#0', 'alice#1', 'alice#2']);
    expect(first.indexOf(alice[2]!) - first.indexOf(alice[0]!)).toBe(2);
    expect(await queue.claim(10, 3)).toEqual([]);
    for (const row of alice) await queue.finish(row.seq, 'done');
    expect((await queue.claim<Row>(10, 3)).map((r) => r.payload)).toEqual(['alice#3']);
  });

  it('stops the run behind a head at a row that is not due, so order holds', async () => {
    await insertEvents(testDb.db.sql, { erin: 3 });
    await testDb.db.sql.query("UPDATE inbound_event SET next_attempt_at = now() + interval '1 hour' WHERE payload = 'erin#1'");
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    expect((await queue.claim<Row>(10, 5)).map((r) => r.payload)).toEqual(['erin#0']);
  });

  it('leaves a row its handler already recorded as it is when the worker then records a failure', async () => {
    await insertEvents(testDb.db.sql, { gail: 2 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    const [first, second] = await queue.claim<Row>(1, 2);
    await queue.finish(first!.seq, 'done');
    await queue.retryLater(first!.seq, 60_000, 'boom');
    await queue.release([first!.seq, second!.seq]);
    const rows = await testDb.db.sql.query<{ payload: string; status: string }>("SELECT payload, status FROM inbound_event WHERE lane_key = 'gail' ORDER BY seq");
    expect(rows.map((r) => [r.payload, r.status])).toEqual([['gail#0', 'done'], ['gail#1', 'pending']]);
  });

  it('gives released rows back without counting the attempt', async () => {
    await insertEvents(testDb.db.sql, { fred: 3 });
    const queue = new LaneQueue(testDb.db.sql, 'inbound_event', 30);
    const [head, ...behind] = await queue.claim<Row>(1, 3);
    await queue.retryLater(head!.seq, 0, 'http_500');
    await queue.release(behind.map((r) => r.seq));
    const again = await queue.claim<Row>(1, 3);
    expect(again.map((r) => [r.payload, r.attempts])).toEqual([['fred#0', 2], ['fred#1', 1], ['fred#2', 1]]);
  });
});

(DATABASE_KINDS.includes('postgresql') ? describe : describe.skip)('LaneQueue with competing workers on PostgreSQL', () => {
  it('claims by index probes even when the connection first planned the claim on an almost empty table', async () => {
    const testDb = await createTestDatabase('postgresql');
    try {
      await testDb.db.sql.transaction(async (tx) => {
        const queue = new LaneQueue(tx, 'inbound_event', 30);
        // The connection plans the claim now, while the queue holds one row (a new database's
        // first webhook), and keeps that plan.
        await tx.query("INSERT INTO inbound_event (channel, dedupe_key, lane_key, payload) VALUES ('t', 'first', 'first', 'first')");
        const [first] = await queue.claim<Row>(8);
        await queue.finish(first!.seq, 'done');
        await insertEvents(tx, { a: 2, b: 1, c: 1 });
        // Then the table grows: rows already handled, and people's rows waiting for a retry.
        await tx.query(
          `INSERT INTO inbound_event (channel, dedupe_key, lane_key, payload, status, next_attempt_at)
           SELECT 't', 'more' || g, 'lane' || g, 'more', CASE WHEN g <= 3000 THEN 'done' ELSE 'pending' END, now() + interval '1 hour'
           FROM generate_series(1, 4000) AS g`,
        );
        // This connection's table reads not yet reported to the statistics collector.
        const reads = async () => {
          const [stats] = await tx.query<{ seq_scan: string; idx_tup_fetch: string }>(
            // This test's own table: every test schema has one of that name.
            "SELECT seq_scan, idx_tup_fetch FROM pg_stat_xact_user_tables WHERE relid = 'inbound_event'::regclass",
          );
          return { seqScans: Number(stats!.seq_scan), rowsFetched: Number(stats!.idx_tup_fetch) };
        };
        const before = await reads();
        const rows = await queue.claim<Row>(3);
        const after = await reads();
        expect(rows.map((row) => row.payload)).toEqual(['a#0', 'b#0', 'c#0']);
        // A plan made for an almost empty table read the whole table, or the whole lane index,
        // once per candidate: thousands of rows here. The pinned plan looks each lane up.
        expect(after.seqScans).toBe(before.seqScans);
        expect(after.rowsFetched - before.rowsFetched).toBeLessThan(50);
      });
    } finally {
      await testDb.dispose();
    }
  });

  it('never lets two workers hold items of one lane at once, and never hands an item out twice', async () => {
    const testDb = await createTestDatabase('postgresql');
    try {
      const lanes = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`lane${i}`, 10]));
      await insertEvents(testDb.db.sql, lanes);
      const handles = [testDb.db, await testDb.openAnother(), await testDb.openAnother()];
      const seen: string[] = [];
      const active = new Set<string>();
      let overlap = false;
      await Promise.all(
        handles.flatMap((handle) =>
          Array.from({ length: 4 }, async (_, worker) => {
            const queue = new LaneQueue(handle.sql, 'inbound_event', 30);
            for (let idle = 0; idle < 20; ) {
              // Half the workers take a head and the rows due behind it, as the outbox does.
              const rows = await queue.claim<Row>(1, worker % 2 === 0 ? 1 : 3);
              if (rows.length === 0) {
                idle++;
                await new Promise((resolve) => setTimeout(resolve, 5));
                continue;
              }
              const lane = rows[0]!.lane_key;
              if (active.has(lane)) overlap = true;
              active.add(lane);
              for (const row of rows) {
                seen.push(row.payload);
                await new Promise((resolve) => setTimeout(resolve, 1));
              }
              active.delete(lane);
              for (const row of rows) await queue.finish(row.seq, 'done');
            }
          }),
        ),
      );
      expect(overlap).toBe(false);
      expect(seen).toHaveLength(200);
      expect(new Set(seen).size).toBe(200);
      for (let lane = 0; lane < 20; lane++) {
        expect(seen.filter((p) => p.startsWith(`lane${lane}#`))).toEqual(Array.from({ length: 10 }, (_, i) => `lane${lane}#${i}`));
      }
    } finally {
      await testDb.dispose();
    }
  }, 60_000);
});
