import { choiceMessage } from '../../dialogs/shared/choices.js';
import { toLocale, type Locale, type Texts } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { Outbox, OutboxEntry } from '../outbound/Outbox.js';
import type { SqlExecutor } from '../store/Database.js';
import type { Clubs } from './Clubs.js';
import { describeWhen } from './describeMeeting.js';
import { toLocal } from './localTime.js';
import type { ObservanceCalendar } from './ObservanceCalendar.js';
import { rsvpPayload, type ReminderBodyBuilder, type ReminderFields } from './ReminderBodyBuilder.js';
import { isQuiet, reminderDueAt, type QuietHours, type ReminderOffset } from './reminderTimes.js';

/** What the scheduler needs, passed in by the composition root. */
export interface ReminderSchedulerDeps {
  readonly sql: SqlExecutor;
  readonly clubs: Clubs;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly texts: Texts;
  readonly calendar: ObservanceCalendar;
  /** Reminder body builders by channel; a person on a channel without one is skipped (`no_channel`). */
  readonly bodies: ReadonlyMap<string, ReminderBodyBuilder>;
  readonly offsets: readonly ReminderOffset[];
  readonly quietHours: QuietHours | undefined;
  readonly logger: Logger;
  /** Reminders handed to the outbox per statement. */
  readonly batchSize?: number;
  /** Seconds a dispatcher holds claimed reminders; after a crash they are taken again. */
  readonly leaseSeconds?: number;
}

/** What one tick did. */
export interface TickResult {
  readonly quiet: boolean;
  readonly meetingsCreated: number;
  readonly remindersCreated: number;
  readonly enqueued: number;
  readonly skipped: number;
  /** Notices of moved and cancelled meetings handed to the outbox. */
  readonly notices: number;
}

interface PendingChange {
  [column: string]: unknown;
  id: string;
  kind: 'moved' | 'cancelled';
  old_starts_at: Date;
  created_at: Date;
  club_id: number;
  club_name: string;
  starts_at: Date;
  place: string;
  topic: string | null;
}

/** Changes whose notices one tick sends at the most (each to all of its club's subscribers). */
const CHANGES_PER_TICK = 50;

interface ClaimedReminder {
  [column: string]: unknown;
  id: string;
  channel_user_id: string;
  meeting_id: number;
  starts_at: Date;
  place: string;
  topic: string | null;
  meeting_status: string;
  club_name: string;
  channel: string | null;
  locale: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Turns due meetings into reminders and reminders into outbox messages, exactly once per (meeting,
 * person, offset) however many instances tick at once and whatever crashed before:
 * 1. meeting rows are ensured for the reminder horizon (unique per club and rule date);
 * 2. each due (meeting, offset) round is materialised once: a `reminder_round` row and one
 *    `reminder` row per subscriber in one transaction, both under unique keys (ON CONFLICT DO NOTHING);
 * 3. pending reminders are claimed in batches (FOR UPDATE SKIP LOCKED, with a lease) and handed to
 *    the outbox under the dedupe key `reminder:<id>`, so even a batch enqueued twice after a crash
 *    is one message each. The outbox then sends with its retries and window rules.
 * Nothing is dispatched during quiet hours; reminders due then are already moved out of them.
 */
export class ReminderScheduler {
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly horizonMs: number;

  constructor(private readonly deps: ReminderSchedulerDeps) {
    this.batchSize = deps.batchSize ?? 1000;
    this.leaseSeconds = deps.leaseSeconds ?? 120;
    const longestDays = Math.max(0, ...deps.offsets.map((offset) => (offset.kind === 'daysBeforeAt' ? offset.days + 1 : Math.ceil(offset.minutes / 1440))));
    this.horizonMs = (longestDays + 1) * DAY_MS;
  }

  /** One scheduler run; every instance calls it every minute. */
  async tick(now: Date = new Date()): Promise<TickResult> {
    const meetingsCreated = await this.deps.clubs.ensureMeetings(now, this.horizonMs);
    const remindersCreated = await this.materialise(now);
    if (isQuiet(now, this.deps.quietHours)) return { quiet: true, meetingsCreated, remindersCreated, enqueued: 0, skipped: 0, notices: 0 };
    const notices = await this.dispatchChangeNotices();
    let enqueued = 0;
    let skipped = 0;
    for (;;) {
      const batch = await this.dispatchBatch(now);
      enqueued += batch.enqueued;
      skipped += batch.skipped;
      if (batch.claimed < this.batchSize) break;
    }
    if (remindersCreated + enqueued + skipped + notices > 0) {
      this.deps.logger.info({ meetingsCreated, remindersCreated, enqueued, skipped, notices }, 'reminders tick');
    }
    return { quiet: false, meetingsCreated, remindersCreated, enqueued, skipped, notices };
  }

  /** Materialises every due round not yet materialised; returns the reminders created. */
  async materialise(now: Date): Promise<number> {
    const meetings = await this.deps.sql.query<{ id: number; starts_at: Date }>(
      `SELECT id, starts_at FROM meeting WHERE status <> 'cancelled' AND starts_at > $1 AND starts_at <= $2`,
      [now, new Date(now.getTime() + this.horizonMs)],
    );
    const ids: number[] = [];
    const keys: string[] = [];
    const dues: Date[] = [];
    for (const meeting of meetings) {
      for (const offset of this.deps.offsets) {
        const due = reminderDueAt(meeting.starts_at, offset, this.deps.quietHours);
        if (due <= now) {
          ids.push(meeting.id);
          keys.push(offset.key);
          dues.push(due);
        }
      }
    }
    if (ids.length === 0) return 0;
    return this.deps.sql.transaction(async (tx) => {
      // The round row is taken first: a second instance waits on its unique key, then skips the round.
      const rounds = await tx.query<{ meeting_id: number; offset_key: string }>(
        `INSERT INTO reminder_round (meeting_id, offset_key)
         SELECT * FROM unnest($1::int[], $2::text[]) ON CONFLICT DO NOTHING RETURNING meeting_id, offset_key`,
        [ids, keys],
      );
      if (rounds.length === 0) return 0;
      const won = new Set(rounds.map((round) => `${round.meeting_id}|${round.offset_key}`));
      const pick = ids.map((id, i) => won.has(`${id}|${keys[i]}`));
      // People who subscribed after a reminder was due do not get that one (they were just told the next meeting).
      const created = await tx.query(
        `INSERT INTO reminder (meeting_id, channel_user_id, offset_key, due_at)
         SELECT due.meeting_id, s.channel_user_id, due.offset_key, due.due_at
         FROM unnest($1::int[], $2::text[], $3::timestamp[]) AS due(meeting_id, offset_key, due_at)
         JOIN meeting m ON m.id = due.meeting_id
         JOIN club_subscription s ON s.club_id = m.club_id AND s.created_at <= due.due_at
         ON CONFLICT (meeting_id, channel_user_id, offset_key) DO NOTHING RETURNING id`,
        [ids.filter((_, i) => pick[i]), keys.filter((_, i) => pick[i]), dues.filter((_, i) => pick[i])],
      );
      return created.length;
    });
  }

  /** Claims one batch of due reminders and hands them to the outbox. */
  async dispatchBatch(now: Date): Promise<{ claimed: number; enqueued: number; skipped: number }> {
    const { sql, outbox, bodies } = this.deps;
    const claimed = await sql.query<ClaimedReminder>(
      `WITH picked AS (
         SELECT id FROM reminder
         WHERE status = 'pending' AND due_at <= $1 AND (locked_until IS NULL OR locked_until < now())
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
       ), locked AS (
         UPDATE reminder r SET locked_until = now() + make_interval(secs => $3)
         FROM picked WHERE r.id = picked.id
         RETURNING r.id, r.channel_user_id, r.meeting_id
       )
       SELECT l.id, l.channel_user_id, m.id AS meeting_id, m.starts_at, m.place, m.topic, m.status AS meeting_status,
              c.name AS club_name, s.channel, s.locale
       FROM locked l
       JOIN meeting m ON m.id = l.meeting_id
       JOIN club c ON c.id = m.club_id
       LEFT JOIN club_subscription s ON s.club_id = c.id AND s.channel_user_id = l.channel_user_id`,
      [now, this.batchSize, this.leaseSeconds],
    );
    const entries: OutboxEntry[] = [];
    // Everyone of a meeting who reads the same language gets the same body: build it once.
    const bodyCache = new Map<string, unknown>();
    const skippedIds: string[] = [];
    const skipReasons: string[] = [];
    for (const row of claimed) {
      const builder = row.channel ? bodies.get(row.channel) : undefined;
      const reason =
        row.meeting_status === 'cancelled' ? 'meeting_cancelled'
        : row.starts_at <= now ? 'meeting_started'
        : !row.channel ? 'unsubscribed'
        : !builder ? 'no_channel'
        : undefined;
      if (reason || !builder || !row.channel) {
        skippedIds.push(row.id);
        skipReasons.push(reason ?? 'no_channel');
        continue;
      }
      const cacheKey = `${row.meeting_id}|${row.channel}|${row.locale}`;
      const body = bodyCache.get(cacheKey) ?? builder(this.compose(row));
      bodyCache.set(cacheKey, body);
      entries.push({ channel: row.channel, laneKey: row.channel_user_id, dedupeKey: `reminder:${row.id}`, purpose: 'reminder', body });
    }
    await outbox.enqueue(entries);
    await sql.query(
      `UPDATE reminder SET status = 'enqueued', outbox_key = 'reminder:' || id, enqueued_at = now(), locked_until = NULL
       WHERE id = ANY($1::bigint[])`,
      [entries.map((entry) => entry.dedupeKey.slice('reminder:'.length))],
    );
    if (skippedIds.length > 0) {
      await sql.query(
        `UPDATE reminder r SET status = 'skipped', skip_reason = s.reason, locked_until = NULL
         FROM unnest($1::bigint[], $2::text[]) AS s(id, reason) WHERE r.id = s.id`,
        [skippedIds, skipReasons],
      );
    }
    return { claimed: claimed.length, enqueued: entries.length, skipped: skippedIds.length };
  }

  /**
   * Sends every subscriber of a moved or cancelled meeting one notice, under the outbox key
   * `meeting-change:<change>:<person>`: however many instances run this, and whatever crashed
   * between the enqueue and the mark, each person gets it once. People who subscribed after the
   * change, and changes to a meeting that had already begun, get none. Runs outside quiet hours
   * only, so a change made at night is told at 07:00; the outbox applies the window rules.
   * @returns the notices newly stored.
   */
  async dispatchChangeNotices(): Promise<number> {
    const { sql, outbox, bodies, texts } = this.deps;
    const changes = await sql.query<PendingChange>(
      `SELECT mc.id::text AS id, mc.kind, mc.old_starts_at, mc.created_at, c.id AS club_id, c.name AS club_name, m.starts_at, m.place, m.topic
       FROM meeting_change mc JOIN meeting m ON m.id = mc.meeting_id JOIN club c ON c.id = m.club_id
       WHERE mc.notices_enqueued_at IS NULL ORDER BY mc.id LIMIT $1`,
      [CHANGES_PER_TICK],
    );
    let stored = 0;
    for (const change of changes) {
      const subscribers =
        change.old_starts_at <= change.created_at
          ? []
          : await sql.query<{ channel_user_id: string; channel: string; locale: string }>(
              'SELECT channel_user_id, channel, locale FROM club_subscription WHERE club_id = $1 AND created_at <= $2',
              [change.club_id, change.created_at],
            );
      const bodyCache = new Map<string, unknown>();
      const entries: OutboxEntry[] = [];
      let unreachable = 0;
      for (const subscriber of subscribers) {
        const builder = bodies.get(subscriber.channel);
        if (!builder) {
          unreachable++;
          continue;
        }
        // One body per channel and language: the wording is built only for the first subscriber of each.
        const cacheKey = `${subscriber.channel}|${subscriber.locale}`;
        let body = bodyCache.get(cacheKey);
        if (body === undefined) {
          const locale = toLocale(subscriber.locale);
          const fields = this.fieldsOf(change, locale);
          const oldWhen = describeWhen(texts, locale, change.old_starts_at);
          const text = texts.t(locale)(change.kind === 'moved' ? 'reminders:noticeMoved' : 'reminders:noticeCancelled', { ...fields, oldWhen });
          // The reminder template tells the new time truthfully after a move; after a cancellation it would not.
          body = builder({ locale, activity: { type: 'message', text }, fields: change.kind === 'moved' ? fields : undefined });
          bodyCache.set(cacheKey, body);
        }
        entries.push({ channel: subscriber.channel, laneKey: subscriber.channel_user_id, dedupeKey: `meeting-change:${change.id}:${subscriber.channel_user_id}`, purpose: 'notice', body });
      }
      // Their channel is no longer configured: nobody to send through, but not silently.
      if (unreachable > 0) this.deps.logger.warn({ change: change.id, unreachable }, 'meeting notice: subscribers on a channel without reminders');
      stored += await outbox.enqueue(entries);
      await sql.query('UPDATE meeting_change SET notices_enqueued_at = now() WHERE id = $1', [change.id]);
    }
    return stored;
  }

  /** A meeting's facts in the reader's language; the topic falls back to the observance calendar. */
  private fieldsOf(meeting: { club_name: string; starts_at: Date; place: string; topic: string | null }, locale: Locale): ReminderFields {
    const { texts, calendar } = this.deps;
    return {
      club: meeting.club_name,
      when: describeWhen(texts, locale, meeting.starts_at),
      place: meeting.place,
      topic: meeting.topic ?? calendar.topicFor(toLocal(meeting.starts_at).date, locale),
    };
  }

  private compose(row: ClaimedReminder): Parameters<ReminderBodyBuilder>[0] {
    const locale = toLocale(row.locale);
    const t = this.deps.texts.t(locale);
    const fields = this.fieldsOf(row, locale);
    const activity = choiceMessage(t('reminders:message', { ...fields }), [
      { id: rsvpPayload('yes', row.meeting_id), label: t('reminders:rsvpYes') },
      { id: rsvpPayload('no', row.meeting_id), label: t('reminders:rsvpNo') },
    ]);
    return { locale, activity, fields };
  }
}
