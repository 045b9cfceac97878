import { AuditLog } from '../inbox/AuditLog.js';
import type { SqlExecutor } from '../store/Database.js';

/** The audit log's "who" for deletions the retention job makes. */
export const RETENTION_ACTOR = 'system:retention';
const DAY_MS = 86_400_000;
/** A reply key that names the person by platform id (before 2026-11-26): channel, kind, id, time and number. */
const OLD_REPLY_KEY = '^([^:]+):in:(postback|referral|follow|unfollow):[^:]+:([0-9]+:[0-9]+)$';

/** How long things are kept. */
export interface RetentionPolicy {
  /** Transcripts, received messages, sent payloads and conversation references (RETENTION_DAYS). */
  readonly days: number;
  /** The words and contact details of closed reports (REPORT_RETENTION_DAYS). */
  readonly reportDays: number;
}

/** What one run removed, by kind. */
export type RetentionResult = Readonly<Record<RetentionKind, number>>;

type RetentionKind = (typeof STEPS)[number]['kind'];

/**
 * The deletions, in order. `$1` is the cutoff: of RETENTION_DAYS, or of REPORT_RETENTION_DAYS for
 * the steps with `reports: true`.
 * Each touches only what is past its cutoff and not yet removed, so a second run removes nothing
 * (idempotent). The rows statistics count (reports' kinds, area, urgency, status and outcomes;
 * handoff sessions; reminders and their outbox statuses; RSVPs) stay.
 */
const STEPS = [
  {
    // Transcripts and notes of conversations closed long enough ago.
    kind: 'handoff_messages',
    sql: `DELETE FROM handoff_message m USING handoff_session s
          WHERE m.session_id = s.id AND s.state = 'closed' AND s.closed_at < $1`,
  },
  {
    // The person's messages as received; a platform does not redeliver after this long.
    kind: 'inbound_events',
    sql: `DELETE FROM inbound_event WHERE status IN ('done', 'failed') AND received_at < $1`,
  },
  {
    // What was sent: the row stays (reminder delivery counts read its status), the words go. So
    // does a platform user id in a reply's key: before 2026-11-26 the replies to an event without a
    // message id (a follow, a referral) were keyed `<channel>:in:<kind>:<platform id>:<time>:<n>`;
    // the person's pseudonym (lane_key) takes its place, with the row's seq behind it in the unlikely
    // case that key is taken.
    kind: 'outbox_payloads',
    sql: `WITH aged AS (
            SELECT seq, regexp_replace(dedupe_key, '${OLD_REPLY_KEY}', '\\1:in:' || lane_key || ':\\2:\\3') AS key
            FROM outbox_message
            WHERE status NOT IN ('pending', 'processing') AND created_at < $1 AND (payload <> '' OR dedupe_key ~ '${OLD_REPLY_KEY}'))
          UPDATE outbox_message AS m
          SET payload = '',
              dedupe_key = CASE WHEN aged.key = m.dedupe_key OR NOT EXISTS (SELECT 1 FROM outbox_message AS taken WHERE taken.dedupe_key = aged.key)
                                THEN aged.key ELSE aged.key || '#' || m.seq END
          FROM aged WHERE m.seq = aged.seq`,
  },
  {
    // Dialog positions, drafts and profiles of conversations idle that long.
    kind: 'bot_state',
    sql: `DELETE FROM bot_state WHERE updated_at < $1`,
  },
  {
    // Where to answer a request that is no longer open.
    kind: 'counselor_request_references',
    sql: `UPDATE counselor_requests SET conversation_sealed = NULL WHERE status <> 'open' AND created_at < $1 AND conversation_sealed IS NOT NULL`,
  },
  {
    // The address of a person idle that long, unless it is still needed: they asked for club
    // reminders (they end those by unsubscribing or deleting their data), a counselor conversation
    // is open, or a message to them is still waiting to go.
    kind: 'channel_users',
    sql: `DELETE FROM channel_user u
          WHERE COALESCE(u.last_inbound_at, u.created_at) < $1
            AND NOT EXISTS (SELECT 1 FROM club_subscription s WHERE s.channel_user_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM handoff_session h WHERE h.person_id = u.id AND h.state <> 'closed')
            AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.lane_key = u.id AND o.status IN ('pending', 'processing'))`,
  },
  {
    kind: 'report_additions',
    reports: true,
    sql: `DELETE FROM report_additions a USING reports r WHERE a.report_id = r.id AND r.status = 'closed' AND r.closed_at < $1`,
  },
  {
    // A closed report keeps only what it is counted by.
    kind: 'report_details',
    reports: true,
    sql: `UPDATE reports SET details_sealed = NULL, contact_sealed = NULL, contact_consent = 'none', reporter_pseudonym = NULL
          WHERE status = 'closed' AND closed_at < $1
            AND (details_sealed IS NOT NULL OR contact_sealed IS NOT NULL OR reporter_pseudonym IS NOT NULL)`,
  },
] as const satisfies readonly { kind: string; sql: string; reports?: boolean }[];

/** The retention job's advisory lock key, so only one instance runs it at a time. */
const RETENTION_LOCK = 'retention';

/**
 * Deletes what is kept longer than the policy allows, keeping the de-identified counts, and writes
 * one audit entry per kind it removed something of (who: {@link RETENTION_ACTOR}, what, how many,
 * when). Safe with several instances: the run holds a transaction-scoped advisory lock and an
 * instance that does not get it skips the run.
 */
export class RetentionJob {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly policy: RetentionPolicy,
  ) {}

  /**
   * One run.
   * @param now - the clock (tests move it).
   * @returns what was removed, or undefined when another instance was running it.
   */
  async run(now: Date = new Date()): Promise<RetentionResult | undefined> {
    const cutoff = new Date(now.getTime() - this.policy.days * DAY_MS);
    const reportCutoff = new Date(now.getTime() - this.policy.reportDays * DAY_MS);
    return this.sql.transaction(async (tx) => {
      const [lock] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [RETENTION_LOCK]);
      if (!lock?.locked) return undefined;
      const removed = {} as Record<RetentionKind, number>;
      // In the same transaction: a deletion is never without its audit entry.
      const audit = new AuditLog(tx);
      for (const step of STEPS) {
        const before = 'reports' in step ? reportCutoff : cutoff;
        const [row] = await tx.query<{ count: number }>(`WITH gone AS (${step.sql} RETURNING 1) SELECT count(*)::int AS count FROM gone`, [before]);
        removed[step.kind] = row?.count ?? 0;
        if (removed[step.kind] > 0) {
          await audit.write({ counselorId: RETENTION_ACTOR, action: `retention.${step.kind}`, subjectType: 'retention', subjectId: `${removed[step.kind]} before ${before.toISOString()}` });
        }
      }
      return removed;
    });
  }
}
