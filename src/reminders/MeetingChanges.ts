import type { SqlExecutor } from '../store/Database.js';
import type { Club, Clubs } from './Clubs.js';

/** What an organiser did to one meeting. */
export type MeetingChangeKind = 'moved' | 'cancelled';

/** A recorded change. */
export interface MeetingChangeResult {
  readonly meetingId: number;
  /** Undefined when nothing changed (cancelling a cancelled meeting): no notice goes out. */
  readonly changeId: string | undefined;
  /** Reminders for the old time that were still waiting and are withdrawn. */
  readonly withdrawn: number;
}

/**
 * Moving and cancelling meetings, for the admin CLI and the inbox alike. Each change, in one
 * transaction: the meeting row takes the new time and place (or is marked cancelled), the
 * reminders still waiting for the old time are withdrawn (after a move the scheduler plans them
 * again for the new time), and a `meeting_change` row is stored, from which the scheduler sends
 * every subscriber one notice (see ReminderScheduler). Reminders already handed to the outbox stay
 * sent: the notice corrects them.
 */
export class MeetingChanges {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly clubs: Clubs,
  ) {}

  /**
   * Moves the meeting the rule puts on `ruleDate` to `startsAt` (and `place`, when given).
   * @returns undefined when the club has no meeting on that date.
   */
  move(club: Club, ruleDate: string, to: { startsAt: Date; place?: string }): Promise<MeetingChangeResult | undefined> {
    return this.record(club, ruleDate, { status: 'moved', startsAt: to.startsAt, place: to.place });
  }

  /**
   * Cancels the meeting the rule puts on `ruleDate`. Cancelling a cancelled meeting changes nothing
   * and sends nothing again.
   * @returns undefined when the club has no meeting on that date.
   */
  cancel(club: Club, ruleDate: string): Promise<MeetingChangeResult | undefined> {
    return this.record(club, ruleDate, { status: 'cancelled' });
  }

  private record(club: Club, ruleDate: string, change: { status: MeetingChangeKind; startsAt?: Date; place?: string }): Promise<MeetingChangeResult | undefined> {
    const kind = change.status;
    return this.sql.transaction(async (tx) => {
      const before = await this.clubs.meetingOn(club, ruleDate, tx);
      if (!before) return undefined;
      // The meeting exists (its row, or the rule's date without one yet): the upsert always gives its id.
      const meetingId = (await this.clubs.changeMeeting(club, ruleDate, change, tx, before))!;
      if (kind === 'cancelled' && before.status === 'cancelled') return { meetingId, changeId: undefined, withdrawn: 0 };
      const withdrawn = await tx.query(`DELETE FROM reminder WHERE meeting_id = $1 AND status = 'pending' RETURNING id`, [meetingId]);
      if (kind === 'moved') {
        // Rounds with nothing sent are forgotten, so the scheduler materialises them for the new time.
        await tx.query(
          `DELETE FROM reminder_round rr WHERE rr.meeting_id = $1
             AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.meeting_id = rr.meeting_id AND r.offset_key = rr.offset_key)`,
          [meetingId],
        );
      }
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO meeting_change (meeting_id, kind, old_starts_at, old_place) VALUES ($1, $2, $3, $4) RETURNING id::text AS id',
        [meetingId, kind, before.startsAt, before.place],
      );
      return { meetingId, changeId: row?.id, withdrawn: withdrawn.length };
    });
  }
}
