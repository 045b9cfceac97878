import type { SqlExecutor } from '../store/Database.js';
import { csvField } from '../text/csvField.js';

/** Reminder outcomes of one meeting for one offset ("3d@19:00", "2h"). */
export interface OffsetStats {
  readonly offset: string;
  /** Handed to the outbox. */
  readonly sent: number;
  /** Accepted by the platform. */
  readonly delivered: number;
  /** Outside the platform's messaging window with no template: counted here, never dropped silently. */
  readonly windowClosed: number;
  /** Permanent platform errors, retries exhausted, or a channel that cannot carry reminders. */
  readonly failed: number;
  /** Not yet sent (due later, or in the outbox's hands). */
  readonly pending: number;
}

/** What an organiser sees for a meeting. */
export interface MeetingStats {
  readonly meetingId: number;
  readonly subscribers: number;
  /** Households on the imported member list (expected attendance). */
  readonly members: number;
  readonly rsvpYes: number;
  readonly rsvpNo: number;
  readonly offsets: readonly OffsetStats[];
}

/**
 * SQL columns `sent`, `delivered`, `window_closed`, `failed`: reminders `r` by outcome, read from
 * their outbox messages `o` (LEFT JOINed). One definition for the meeting figures and the club list,
 * so the two never count a reminder differently. A reminder that found no channel counts as failed.
 */
export const REMINDER_OUTCOMES = `count(r.id) FILTER (WHERE r.status = 'enqueued')::int AS sent,
       count(r.id) FILTER (WHERE o.status = 'sent')::int AS delivered,
       count(r.id) FILTER (WHERE o.status = 'window_closed')::int AS window_closed,
       count(r.id) FILTER (WHERE o.status = 'failed' OR r.skip_reason = 'no_channel')::int AS failed`;

/** Counts a meeting's reminders by outcome (read from their outbox messages) and its RSVPs. */
export async function meetingStats(sql: SqlExecutor, meetingId: number): Promise<MeetingStats> {
  const offsets = await sql.query<{ offset_key: string; sent: number; delivered: number; window_closed: number; failed: number; pending: number }>(
    `SELECT r.offset_key, ${REMINDER_OUTCOMES},
       count(*) FILTER (WHERE r.status = 'pending' OR o.status IN ('pending', 'processing'))::int AS pending
     FROM reminder r LEFT JOIN outbox_message o ON o.dedupe_key = r.outbox_key
     WHERE r.meeting_id = $1 GROUP BY r.offset_key ORDER BY min(r.due_at)`,
    [meetingId],
  );
  const [counts] = await sql.query<{ subscribers: number; members: number; yes: number; no: number }>(
    `SELECT
       (SELECT count(*) FROM club_subscription s JOIN meeting m ON m.club_id = s.club_id WHERE m.id = $1)::int AS subscribers,
       (SELECT count(*) FROM club_member cm JOIN meeting m ON m.club_id = cm.club_id WHERE m.id = $1)::int AS members,
       (SELECT count(*) FROM meeting_rsvp WHERE meeting_id = $1 AND answer = 'yes')::int AS yes,
       (SELECT count(*) FROM meeting_rsvp WHERE meeting_id = $1 AND answer = 'no')::int AS no`,
    [meetingId],
  );
  return {
    meetingId,
    subscribers: counts?.subscribers ?? 0,
    members: counts?.members ?? 0,
    rsvpYes: counts?.yes ?? 0,
    rsvpNo: counts?.no ?? 0,
    offsets: offsets.map((row) => ({ offset: row.offset_key, sent: row.sent, delivered: row.delivered, windowClosed: row.window_closed, failed: row.failed, pending: row.pending })),
  };
}

/** The stats as CSV: one line per reminder offset, with the meeting's RSVP and list counts repeated. */
export function meetingStatsCsv(stats: MeetingStats, meeting: { clubCode: string; clubName: string; startsAtLocal: string }): string {
  const header = ['club_code', 'club_name', 'meeting_id', 'starts_at', 'offset', 'sent', 'delivered', 'window_closed', 'failed', 'pending', 'rsvp_yes', 'rsvp_no', 'subscribers', 'members'];
  const lines = stats.offsets.map((o) =>
    [meeting.clubCode, meeting.clubName, stats.meetingId, meeting.startsAtLocal, o.offset, o.sent, o.delivered, o.windowClosed, o.failed, o.pending, stats.rsvpYes, stats.rsvpNo, stats.subscribers, stats.members]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
