import { randomUUID } from 'node:crypto';
import { RETENTION_ACTOR, RetentionJob } from '../../src/retention/RetentionJob.js';
import type { SqlExecutor } from '../../src/store/Database.js';
import { DATABASE_KINDS, freshDatabasePerTest } from '../support/testDatabase.js';

const NOW = new Date('2026-11-26T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

async function session(sql: SqlExecutor, closedDaysAgo: number | null, person: string = randomUUID()): Promise<string> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO handoff_session (id, channel, person_id, area_code, state, outcome, requested_at, closed_at) VALUES ($1, 'messenger', $2, '79.1', $3, $4, $5, $6)`,
    [id, person, closedDaysAgo === null ? 'active' : 'closed', closedDaysAgo === null ? null : 'counselled', daysAgo((closedDaysAgo ?? 0) + 1), closedDaysAgo === null ? null : daysAgo(closedDaysAgo)],
  );
  await sql.query(`INSERT INTO handoff_message (session_id, kind, body) VALUES ($1, 'person', 'sealed'), ($1, 'counselor', 'sealed')`, [id]);
  return id;
}

async function report(sql: SqlExecutor, status: string, closedDaysAgo: number | null): Promise<string> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO reports (id, code, reporter_pseudonym, kinds, province_code, routed_area_code, urgency, status, outcomes, details_sealed, contact_consent, contact_sealed, closed_at, created_at, updated_at)
     VALUES ($1, $2, 'pseudo', '{physical}', '79', '79', 'ongoing', $3::report_status, '{fined}', 'sealed', 'phone', 'sealed', $4, $5, $5)`,
    [id, id.slice(0, 8), status, closedDaysAgo === null ? null : daysAgo(closedDaysAgo), daysAgo(400)],
  );
  await sql.query(`INSERT INTO report_additions (id, report_id, text_sealed) VALUES ($1, $2, 'sealed')`, [randomUUID(), id]);
  return id;
}

/** What the statistics count, which retention must not change. */
const COUNTS = `SELECT
  (SELECT count(*) FROM reports)::int AS reports,
  (SELECT count(*) FROM reports WHERE 'fined' = ANY(outcomes) AND status = 'closed')::int AS fined,
  (SELECT count(*) FROM handoff_session WHERE outcome = 'counselled')::int AS counselled,
  (SELECT count(*) FROM outbox_message WHERE status = 'sent')::int AS delivered`;

describe.each(DATABASE_KINDS)('retention job (%s)', (kind) => {
  const database = freshDatabasePerTest(kind);
  let sql: SqlExecutor;
  beforeEach(() => {
    sql = database().db.sql;
  });

  it('deletes what is past RETENTION_DAYS / REPORT_RETENTION_DAYS, keeps the rest and the counts, audits each kind, and is idempotent', async () => {
    const oldSession = await session(sql, 91);
    const recentSession = await session(sql, 89);
    const openSession = await session(sql, null, 'person-open');
    const oldReport = await report(sql, 'closed', 366);
    const recentReport = await report(sql, 'closed', 364);
    const openReport = await report(sql, 'in_progress', null);
    // Bot state and people: idle ones go, unless subscribed to a club, in an open conversation, or awaiting a message.
    await sql.query(`INSERT INTO bot_state (key, data, etag, updated_at) VALUES ('old', '{}', '1', $1), ('new', '{}', '1', $2)`, [daysAgo(100), daysAgo(10)]);
    for (const id of ['person-idle', 'person-subscribed', 'person-open', 'person-recent']) {
      await sql.query(`INSERT INTO channel_user (id, channel, platform_user_id, last_inbound_at) VALUES ($1, 'messenger', 'sealed', $2)`, [id, id === 'person-recent' ? daysAgo(5) : daysAgo(200)]);
    }
    const [club] = await sql.query<{ id: number }>(`INSERT INTO club (code, name, anchor_month, meeting_time, day_of_month) VALUES ('C1', 'C', '2026-01', '19:00', 1) RETURNING id`);
    await sql.query(`INSERT INTO club_subscription (club_id, channel_user_id, channel) VALUES ($1, 'person-subscribed', 'messenger')`, [club!.id]);
    await sql.query(`INSERT INTO outbox_message (channel, lane_key, dedupe_key, payload, status, created_at) VALUES ('messenger', 'x', 'old-sent', 'sealed', 'sent', $1), ('messenger', 'x', 'new-sent', 'sealed', 'sent', $2)`, [daysAgo(100), daysAgo(1)]);
    await sql.query(`INSERT INTO inbound_event (channel, dedupe_key, lane_key, payload, status, received_at) VALUES ('messenger', 'old', 'x', 'sealed', 'done', $1), ('messenger', 'new', 'x', 'sealed', 'done', $2)`, [daysAgo(100), daysAgo(1)]);
    await sql.query(`INSERT INTO counselor_requests (id, channel, priority, reason, routed_area_code, conversation_sealed, status, created_at) VALUES ($1, 'messenger', 'normal', 'menu', '79', 'sealed', 'closed', $2), ($3, 'messenger', 'normal', 'menu', '79', 'sealed', 'open', $2)`, [randomUUID(), daysAgo(100), randomUUID()]);
    const countsBefore = await sql.query(COUNTS);

    const job = new RetentionJob(sql, { days: 90, reportDays: 365 });
    expect(await job.run(NOW)).toEqual({
      handoff_messages: 2,
      inbound_events: 1,
      outbox_payloads: 1,
      bot_state: 1,
      counselor_request_references: 1,
      channel_users: 1,
      report_additions: 1,
      report_details: 1,
    });

    expect(await sql.query(`SELECT session_id, count(*)::int AS n FROM handoff_message GROUP BY session_id ORDER BY session_id`)).toEqual(
      [recentSession, openSession].sort().map((id) => ({ session_id: id, n: 2 })),
    );
    expect(await sql.query(`SELECT id FROM handoff_session WHERE id = $1`, [oldSession])).toHaveLength(1);
    expect(await sql.query(`SELECT key FROM bot_state`)).toEqual([{ key: 'new' }]);
    expect((await sql.query<{ id: string }>(`SELECT id FROM channel_user ORDER BY id`)).map((row) => row.id)).toEqual(['person-open', 'person-recent', 'person-subscribed']);
    expect(await sql.query(`SELECT dedupe_key, payload FROM outbox_message ORDER BY dedupe_key`)).toEqual([{ dedupe_key: 'new-sent', payload: 'sealed' }, { dedupe_key: 'old-sent', payload: '' }]);
    expect(await sql.query(`SELECT dedupe_key FROM inbound_event`)).toEqual([{ dedupe_key: 'new' }]);
    expect(await sql.query(`SELECT status, conversation_sealed FROM counselor_requests ORDER BY status`)).toEqual([{ status: 'open', conversation_sealed: 'sealed' }, { status: 'closed', conversation_sealed: null }]);
    const reports = await sql.query<{ id: string; details_sealed: string | null; contact_sealed: string | null; reporter_pseudonym: string | null; kinds: string[]; outcomes: string[]; status: string }>(
      `SELECT id, details_sealed, contact_sealed, reporter_pseudonym, kinds::text[] AS kinds, outcomes::text[] AS outcomes, status::text AS status FROM reports`,
    );
    const byId = new Map(reports.map((row) => [row.id, row]));
    expect(byId.get(oldReport)).toMatchObject({ details_sealed: null, contact_sealed: null, reporter_pseudonym: null, kinds: ['physical'], outcomes: ['fined'], status: 'closed' });
    expect(byId.get(recentReport)).toMatchObject({ details_sealed: 'sealed', contact_sealed: 'sealed' });
    expect(byId.get(openReport)).toMatchObject({ details_sealed: 'sealed' });
    expect((await sql.query<{ report_id: string }>(`SELECT report_id FROM report_additions`)).map((row) => row.report_id).sort()).toEqual([recentReport, openReport].sort());

    expect(await sql.query(COUNTS)).toEqual(countsBefore);
    const audit = await sql.query<{ counselor_id: string; action: string; subject_type: string; subject_id: string }>(`SELECT counselor_id, action, subject_type, subject_id FROM audit_log ORDER BY seq`);
    expect(audit.map((row) => [row.counselor_id, row.action, row.subject_type, row.subject_id])).toEqual([
      [RETENTION_ACTOR, 'retention.handoff_messages', 'retention', `2 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.inbound_events', 'retention', `1 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.outbox_payloads', 'retention', `1 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.bot_state', 'retention', `1 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.counselor_request_references', 'retention', `1 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.channel_users', 'retention', `1 before ${daysAgo(90).toISOString()}`],
      [RETENTION_ACTOR, 'retention.report_additions', 'retention', `1 before ${daysAgo(365).toISOString()}`],
      [RETENTION_ACTOR, 'retention.report_details', 'retention', `1 before ${daysAgo(365).toISOString()}`],
    ]);

    // A second run finds nothing left to remove and writes no more audit rows.
    expect(Object.values((await job.run(NOW))!).every((count) => count === 0)).toBe(true);
    expect(await sql.query(`SELECT 1 FROM audit_log`)).toHaveLength(8);
  });

  if (kind === 'postgresql') {
    it('lets only one instance run at a time (advisory lock)', async () => {
      const other = await database().openAnother();
      await sql.query(`INSERT INTO bot_state (key, data, etag, updated_at) VALUES ('old', '{}', '1', $1)`, [daysAgo(100)]);
      const job = new RetentionJob(sql, { days: 90, reportDays: 365 });
      // The other instance holds the lock in an open transaction while this one tries.
      const result = await other.sql.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('retention'))`);
        return job.run(NOW);
      });
      expect(result).toBeUndefined();
      expect(await sql.query(`SELECT key FROM bot_state`)).toEqual([{ key: 'old' }]);
      expect((await job.run(NOW))?.bot_state).toBe(1);
    });
  }

  it('takes the platform user id out of old reply keys with the words, keeps every other key, and never collides', async () => {
    const insert = (key: string, payload: string, days: number) =>
      sql.query(`INSERT INTO outbox_message (channel, lane_key, dedupe_key, payload, status, created_at) VALUES ('zalo', 'pseudo-1', $1, $2, 'sent', $3)`, [key, payload, daysAgo(days)]);
    await insert('zalo:in:follow:8123456789012345678:1764066200000:0', 'sealed', 100);
    await insert('zalo:in:unfollow:8123456789012345678:1764066300000:0', '', 120);
    // A reply stored under the new form already holds the key the old one would get.
    await insert('zalo:in:referral:8123456789012345678:1764066400000:1', '', 100);
    await insert('zalo:in:pseudo-1:referral:1764066400000:1', '', 100);
    await insert('zalo:in:msg:abc:0', 'sealed', 100);
    await insert('zalo:in:follow:8123456789012345678:1764066500000:0', 'sealed', 10);

    await new RetentionJob(sql, { days: 90, reportDays: 365 }).run(NOW);
    const rows = await sql.query<{ seq: string; dedupe_key: string; payload: string }>('SELECT seq::text AS seq, dedupe_key, payload FROM outbox_message ORDER BY seq');
    expect(rows.map((row) => [row.dedupe_key.replace(`#${row.seq}`, '#seq'), row.payload])).toEqual([
      ['zalo:in:pseudo-1:follow:1764066200000:0', ''],
      ['zalo:in:pseudo-1:unfollow:1764066300000:0', ''],
      ['zalo:in:pseudo-1:referral:1764066400000:1#seq', ''],
      ['zalo:in:pseudo-1:referral:1764066400000:1', ''],
      ['zalo:in:msg:abc:0', ''],
      // Still within RETENTION_DAYS: key and words stay until then.
      ['zalo:in:follow:8123456789012345678:1764066500000:0', 'sealed'],
    ]);
    const again = await new RetentionJob(sql, { days: 90, reportDays: 365 }).run(NOW);
    expect(again?.outbox_payloads).toBe(0);
  });
});
