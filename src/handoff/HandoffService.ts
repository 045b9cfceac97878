import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { Locale, Texts } from '../i18n.js';
import { GroupCommit } from '../store/GroupCommit.js';
import type { SqlExecutor } from '../store/Database.js';
import { scopeCondition, type AreaScope } from './areaScope.js';
import type { CounselorHours } from './CounselorHours.js';
import type { HandoffEvents } from './HandoffEvents.js';
import type { PersonDelivery } from './PersonDelivery.js';

/** The states of a handoff session; `bot` is the absence of an open session. */
export type HandoffState = 'waiting' | 'active' | 'closed';

/** How a counselor ends a conversation. */
export const HANDOFF_OUTCOMES = [
  'counselled',
  'referred_police',
  'referred_health',
  'referred_legal_aid',
  'referred_shelter',
  'no_response',
] as const;
/** A counselor's outcome, or `cancelled` when the person went back to the bot while waiting. */
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number] | 'cancelled';

/** A handoff session as stored. */
export interface HandoffSession {
  readonly id: string;
  readonly channel: string;
  readonly personId: string;
  readonly areaCode: string | null;
  readonly state: HandoffState;
  readonly danger: boolean;
  readonly counselorId: string | null;
  readonly locale: Locale;
  readonly reportId: string | null;
  readonly outcome: string | null;
  readonly requestedAt: Date;
  readonly claimedAt: Date | null;
  readonly closedAt: Date | null;
  readonly noticeSentAt: Date | null;
}

/** One line of a transcript, opened. */
export interface TranscriptEntry {
  readonly seq: string;
  readonly kind: 'person' | 'counselor' | 'note' | 'system';
  readonly counselorId: string | null;
  readonly text: string;
  readonly attachments: readonly AttachmentLink[];
  /** For counselor messages: the outbox status (pending, sent, failed, window_closed). */
  readonly delivery: string | null;
  readonly deliveryError: string | null;
  readonly at: Date;
}

/** Something the person sent that is not text, as a link the counselor can open. */
export interface AttachmentLink {
  readonly kind: string;
  readonly url: string;
  readonly name?: string;
}

/** What the person is told after asking for a counselor. */
export type RequestResult =
  | { readonly kind: 'queued'; readonly session: HandoffSession; readonly position: number }
  | { readonly kind: 'closed_hours'; readonly session: HandoffSession }
  | { readonly kind: 'already_open'; readonly session: HandoffSession; readonly position: number };

interface SessionRow {
  id: string;
  channel: string;
  person_id: string;
  area_code: string | null;
  state: HandoffState;
  danger: boolean;
  counselor_id: string | null;
  locale: string;
  report_id: string | null;
  outcome: string | null;
  requested_at: Date;
  claimed_at: Date | null;
  closed_at: Date | null;
  notice_sent_at: Date | null;
  [key: string]: unknown;
}

const OPEN = `state IN ('waiting', 'active')`;
/** Newest danger first, then oldest waiting. */
const QUEUE_ORDER = 'danger DESC, danger_at DESC NULLS LAST, requested_at ASC, id ASC';

function toSession(row: SessionRow): HandoffSession {
  return {
    id: row.id,
    channel: row.channel,
    personId: row.person_id,
    areaCode: row.area_code,
    state: row.state,
    danger: row.danger,
    counselorId: row.counselor_id,
    locale: row.locale === 'en' ? 'en' : 'vi',
    reportId: row.report_id,
    outcome: row.outcome,
    requestedAt: row.requested_at,
    claimedAt: row.claimed_at,
    closedAt: row.closed_at,
    noticeSentAt: row.notice_sent_at,
  };
}

/** Raised when a session is not in the state an action needs (claimed by someone else, closed...). */
export class HandoffConflictError extends Error {
  override readonly name = 'HandoffConflictError';
}

/**
 * Human handoff: the queue of people waiting for a counselor, the claim (atomic, so two counselors
 * never take the same person), the sealed transcript and notes, transfer and close. The bot side
 * ({@link handoffGate}) and the inbox both go through it; every change is announced on
 * {@link HandoffEvents}.
 */
export class HandoffService {
  constructor(
    private readonly deps: {
      sql: SqlExecutor;
      secretBox: SecretBox;
      events: HandoffEvents;
      delivery: PersonDelivery;
      hours: CounselorHours;
      texts: Texts;
      /** Minutes a person waits before the hotlines notice. */
      waitMinutes: number;
      /** The area of requests that do not name one (the commune or province this page serves). */
      defaultArea?: string;
    },
  ) {}

  /**
   * The person's waiting or active session, if any.
   * @param tx - read inside the caller's transaction.
   */
  async openSessionFor(personId: string, tx: SqlExecutor = this.deps.sql): Promise<HandoffSession | undefined> {
    const rows = await tx.query<SessionRow>(`SELECT * FROM handoff_session WHERE person_id = $1 AND ${OPEN} LIMIT 1`, [personId]);
    return rows[0] && toSession(rows[0]);
  }

  /**
   * What the handoff gate needs on every message: the person's open session, or when there is none,
   * whether a closed one still waits to be handed back to the bot ({@link takeBack}). Only reads, so
   * a turn may ask before it knows it will get as far as the gate. Turns asking at the same time
   * share one statement (group commit).
   */
  async sessionForTurn(personId: string): Promise<{ session?: HandoffSession; handBack: boolean }> {
    return this.turnLookups.submit(personId);
  }

  private readonly turnLookups = new GroupCommit<string, { session?: HandoffSession; handBack: boolean }>(async (people) => {
    const rows = await this.deps.sql.query<SessionRow & { asked_for: string; hand_back: boolean }>(
      `WITH open AS (
         SELECT DISTINCT ON (person_id) * FROM handoff_session
         WHERE person_id = ANY($1::text[]) AND ${OPEN} ORDER BY person_id, requested_at)
       SELECT asked.person_id AS asked_for, open.*,
              open.id IS NULL AND EXISTS (
                SELECT 1 FROM handoff_session AS closed
                WHERE closed.person_id = asked.person_id AND closed.state = 'closed' AND closed.bot_resumed_at IS NULL) AS hand_back
       FROM unnest($1::text[]) AS asked(person_id) LEFT JOIN open ON open.person_id = asked.person_id`,
      [people],
    );
    const byPerson = new Map(rows.map((row) => [row.asked_for, row]));
    return people.map((person) => {
      const row = byPerson.get(person);
      return { session: row?.id ? toSession(row) : undefined, handBack: row?.hand_back ?? false };
    });
  });

  /** One session by id. */
  async find(id: string): Promise<HandoffSession | undefined> {
    const rows = await this.deps.sql.query<SessionRow>('SELECT * FROM handoff_session WHERE id = $1', [id]);
    return rows[0] && toSession(rows[0]);
  }

  /**
   * Puts the person in the queue (or finds them already there). Outside the area's hours the
   * hotlines notice goes out at once and the session stays queued for the next shift.
   */
  async request(input: { channel: string; personId: string; locale: Locale; areaCode?: string; danger?: boolean; reportId?: string }): Promise<RequestResult> {
    const areaCode = input.areaCode ?? this.deps.defaultArea ?? null;
    const open = this.deps.hours.isOpen(areaCode);
    // One open session per person. Platform channels run one turn at a time per person already;
    // the lock covers channels that do not (Bot Framework), and concurrent instances.
    const { session, created } = await this.deps.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`handoff:${input.personId}`]);
      const existing = await this.openSessionFor(input.personId, tx);
      if (existing) return { session: existing, created: false };
      const rows = await tx.query<SessionRow>(
        `INSERT INTO handoff_session (id, channel, person_id, area_code, locale, danger, danger_at, report_id, notice_sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 THEN now() END, $7, CASE WHEN $8 THEN now() END) RETURNING *`,
        [randomUUID(), input.channel, input.personId, areaCode, input.locale, input.danger === true, input.reportId ?? null, !open],
      );
      return { session: toSession(rows[0]!), created: true };
    });
    if (!created) {
      if (input.danger) await this.flagDanger(input.personId);
      return { kind: 'already_open', session, position: await this.positionOf(session) };
    }
    this.deps.events.emit({ type: 'queued', sessionId: session.id, areaCode: session.areaCode });
    if (!open) return { kind: 'closed_hours', session };
    return { kind: 'queued', session, position: await this.positionOf(session) };
  }

  /** The person's place among those waiting in the same area (1 = next). */
  async positionOf(session: HandoffSession): Promise<number> {
    if (session.state !== 'waiting') return 0;
    const rows = await this.deps.sql.query<{ id: string }>(
      `SELECT id FROM handoff_session WHERE state = 'waiting' AND area_code IS NOT DISTINCT FROM $1 ORDER BY ${QUEUE_ORDER}`,
      [session.areaCode],
    );
    return rows.findIndex((row) => row.id === session.id) + 1;
  }

  /** True when counselors of the session's area are on duty now. */
  isOnDuty(session: HandoffSession, at: Date = new Date()): boolean {
    return this.deps.hours.isOpen(session.areaCode, at);
  }

  /** Raises the priority of the person's open session: the queue shows the newest danger first. */
  async flagDanger(personId: string): Promise<void> {
    const rows = await this.deps.sql.query<SessionRow>(
      `UPDATE handoff_session SET danger = TRUE, danger_at = now() WHERE person_id = $1 AND ${OPEN} RETURNING *`,
      [personId],
    );
    for (const row of rows) this.deps.events.emit({ type: 'updated', sessionId: row.id, areaCode: row.area_code });
  }

  /** Adds the person's words (and attachment links) to the transcript. */
  async recordPersonMessage(session: HandoffSession, text: string, attachments: readonly AttachmentLink[] = []): Promise<void> {
    await this.insertMessage(session.id, 'person', null, text, attachments, null);
    this.deps.events.emit({ type: 'message', sessionId: session.id, areaCode: session.areaCode });
  }

  /**
   * Sends the hotlines notice once per session when the person has waited too long or nobody is
   * on duty. Marked atomically, so two instances never both send it.
   * @returns true when this call sent it.
   */
  async noticeIfDue(session: HandoffSession, now: Date = new Date()): Promise<boolean> {
    if (session.state !== 'waiting' || session.noticeSentAt) return false;
    const waitedTooLong = now.getTime() - session.requestedAt.getTime() >= this.deps.waitMinutes * 60_000;
    if (!waitedTooLong && this.deps.hours.isOpen(session.areaCode, now)) return false;
    const rows = await this.deps.sql.query(
      `UPDATE handoff_session SET notice_sent_at = now() WHERE id = $1 AND state = 'waiting' AND notice_sent_at IS NULL RETURNING id`,
      [session.id],
    );
    return rows.length > 0;
  }

  /**
   * Sends the hotlines notice to everyone who has waited past the limit and not heard it (called
   * periodically; the time-out must reach people who write nothing more).
   */
  async sendDueNotices(): Promise<number> {
    const rows = await this.deps.sql.query<SessionRow>(
      `UPDATE handoff_session SET notice_sent_at = now()
       WHERE state = 'waiting' AND notice_sent_at IS NULL AND requested_at <= now() - ($1::int * interval '1 minute')
       RETURNING *`,
      [this.deps.waitMinutes],
    );
    for (const row of rows) {
      const session = toSession(row);
      await this.deps.delivery.send(session, this.deps.texts.t(session.locale)('handoff:waitTooLong'), 'notice');
    }
    return rows.length;
  }

  /** Open sessions visible in a scope, in queue order (waiting first). */
  async listOpen(scope: AreaScope): Promise<HandoffSession[]> {
    const condition = scopeCondition(scope, 'area_code', 1);
    const rows = await this.deps.sql.query<SessionRow>(
      `SELECT * FROM handoff_session WHERE ${OPEN} AND ${condition.sql}
       ORDER BY CASE state WHEN 'waiting' THEN 0 ELSE 1 END, ${QUEUE_ORDER}`,
      condition.params,
    );
    return rows.map(toSession);
  }

  /**
   * Claims a waiting session for a counselor. Atomic: of many counselors claiming at once,
   * exactly one gets it; the others get a {@link HandoffConflictError}.
   */
  async claim(sessionId: string, counselorId: string): Promise<HandoffSession> {
    const rows = await this.deps.sql.query<SessionRow>(
      `UPDATE handoff_session SET state = 'active', counselor_id = $2, claimed_at = now()
       WHERE id = $1 AND state = 'waiting' AND counselor_id IS NULL RETURNING *`,
      [sessionId, counselorId],
    );
    if (!rows[0]) throw new HandoffConflictError('not waiting');
    const session = toSession(rows[0]);
    await this.insertMessage(session.id, 'system', counselorId, 'claimed', [], null);
    await this.deps.delivery.send(session, this.deps.texts.t(session.locale)('handoff:connected'), 'agent');
    this.deps.events.emit({ type: 'claimed', sessionId, areaCode: session.areaCode });
    return session;
  }

  /** A counselor's message to the person, through the outbox (purpose `agent`: HUMAN_AGENT rules). */
  async reply(session: HandoffSession, counselorId: string, text: string): Promise<void> {
    if (session.state !== 'active') throw new HandoffConflictError('not active');
    const outboxKey = await this.deps.delivery.send(session, text, 'agent');
    await this.insertMessage(session.id, 'counselor', counselorId, text, [], outboxKey ?? null);
    await this.deps.sql.query('UPDATE handoff_session SET first_reply_at = now() WHERE id = $1 AND first_reply_at IS NULL', [session.id]);
    this.deps.events.emit({ type: 'message', sessionId: session.id, areaCode: session.areaCode });
  }

  /** A private note, never sent to the person. */
  async addNote(session: HandoffSession, counselorId: string, text: string): Promise<void> {
    await this.insertMessage(session.id, 'note', counselorId, text, [], null);
    this.deps.events.emit({ type: 'updated', sessionId: session.id, areaCode: session.areaCode });
  }

  /** Links a report to the session. */
  async linkReport(session: HandoffSession, reportId: string): Promise<void> {
    await this.deps.sql.query('UPDATE handoff_session SET report_id = $2 WHERE id = $1', [session.id, reportId]);
    this.deps.events.emit({ type: 'updated', sessionId: session.id, areaCode: session.areaCode });
  }

  /**
   * Hands the session to another counselor (it stays active) or to another area (it waits there
   * again, unclaimed).
   */
  async transfer(session: HandoffSession, to: { counselorId: string } | { areaCode: string }): Promise<HandoffSession> {
    const rows =
      'counselorId' in to
        ? await this.deps.sql.query<SessionRow>(
            `UPDATE handoff_session SET state = 'active', counselor_id = $2, claimed_at = now() WHERE id = $1 AND ${OPEN} RETURNING *`,
            [session.id, to.counselorId],
          )
        : await this.deps.sql.query<SessionRow>(
            `UPDATE handoff_session SET state = 'waiting', counselor_id = NULL, claimed_at = NULL, area_code = $2 WHERE id = $1 AND ${OPEN} RETURNING *`,
            [session.id, to.areaCode],
          );
    if (!rows[0]) throw new HandoffConflictError('not open');
    const moved = toSession(rows[0]);
    // Both the old and the new area's inboxes must see it move.
    this.deps.events.emit({ type: 'transferred', sessionId: session.id, areaCode: session.areaCode });
    if (moved.areaCode !== session.areaCode) this.deps.events.emit({ type: 'transferred', sessionId: session.id, areaCode: moved.areaCode });
    return moved;
  }

  /**
   * Ends the session: the person is told they are back with the automated assistant, and their
   * next message goes to the bot (which discloses itself again, see {@link takeBack}).
   */
  async close(session: HandoffSession, outcome: HandoffOutcome): Promise<void> {
    const rows = await this.deps.sql.query<SessionRow>(
      `UPDATE handoff_session SET state = 'closed', outcome = $2, closed_at = now() WHERE id = $1 AND ${OPEN} RETURNING *`,
      [session.id, outcome],
    );
    if (!rows[0]) throw new HandoffConflictError('not open');
    if (outcome !== 'cancelled') {
      await this.deps.delivery.send(session, this.deps.texts.t(session.locale)('handoff:closed'), 'agent');
    }
    this.deps.events.emit({ type: 'closed', sessionId: session.id, areaCode: session.areaCode });
  }

  /**
   * The bot's side of a close: true once per closed session, on the person's first turn after it,
   * so the bot resets what it remembers of the earlier conversation.
   */
  async takeBack(personId: string): Promise<boolean> {
    const rows = await this.deps.sql.query(
      `UPDATE handoff_session SET bot_resumed_at = now() WHERE person_id = $1 AND state = 'closed' AND bot_resumed_at IS NULL RETURNING id`,
      [personId],
    );
    return rows.length > 0;
  }

  /**
   * "Delete my data": removes the transcripts of a person's counselor conversations. The sessions
   * stay (pseudonymous: state, times, outcome) for the statistics.
   * @returns how many messages were removed.
   */
  async eraseTranscriptsFor(personId: string): Promise<number> {
    const rows = await this.deps.sql.query(
      'DELETE FROM handoff_message WHERE session_id IN (SELECT id FROM handoff_session WHERE person_id = $1) RETURNING seq',
      [personId],
    );
    return rows.length;
  }

  /** The transcript and notes of a session, opened, with delivery status of counselor messages. */
  async transcript(sessionId: string): Promise<TranscriptEntry[]> {
    const rows = await this.deps.sql.query<{
      seq: string | bigint;
      kind: TranscriptEntry['kind'];
      counselor_id: string | null;
      body: string;
      attachments: string | null;
      status: string | null;
      last_error: string | null;
      created_at: Date;
    }>(
      `SELECT m.seq, m.kind, m.counselor_id, m.body, m.attachments, o.status, o.last_error, m.created_at
       FROM handoff_message m LEFT JOIN outbox_message o ON o.dedupe_key = m.outbox_key
       WHERE m.session_id = $1 ORDER BY m.seq`,
      [sessionId],
    );
    const context = `handoff_message:${sessionId}`;
    return rows.map((row) => ({
      seq: String(row.seq),
      kind: row.kind,
      counselorId: row.counselor_id,
      text: this.deps.secretBox.open(row.body, context),
      attachments: row.attachments ? this.deps.secretBox.openJson<AttachmentLink[]>(row.attachments, context) : [],
      delivery: row.kind === 'counselor' ? (row.status ?? 'not_sent') : null,
      deliveryError: row.last_error,
      at: row.created_at,
    }));
  }

  private async insertMessage(
    sessionId: string,
    kind: TranscriptEntry['kind'],
    counselorId: string | null,
    text: string,
    attachments: readonly AttachmentLink[],
    outboxKey: string | null,
  ): Promise<void> {
    const context = `handoff_message:${sessionId}`;
    await this.deps.sql.query(
      'INSERT INTO handoff_message (session_id, kind, counselor_id, body, attachments, outbox_key) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        sessionId,
        kind,
        counselorId,
        this.deps.secretBox.seal(text, context),
        attachments.length > 0 ? this.deps.secretBox.sealJson(attachments, context) : null,
        outboxKey,
      ],
    );
  }
}

