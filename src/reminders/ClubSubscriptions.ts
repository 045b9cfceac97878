import type { Locale } from '../i18n.js';
import type { SqlExecutor } from '../store/Database.js';

/** The reminder phone was given for club reminders only: it goes with the person's last subscription. */
async function forgetPhoneWithoutClubs(tx: SqlExecutor, channelUserId: string): Promise<void> {
  await tx.query(
    'UPDATE channel_user SET reminder_phone = NULL WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM club_subscription WHERE channel_user_id = $1)',
    [channelUserId],
  );
}

/** An RSVP answer. */
export type RsvpAnswer = 'yes' | 'no';

/**
 * Who receives which club's reminders, and their RSVPs. A subscription refers to the person by
 * their pseudonymous ChannelUser id; channel and conversation reference are on that row.
 */
export class ClubSubscriptions {
  constructor(private readonly sql: SqlExecutor) {}

  /** Subscribes a person to a club; false when they already were (their language is updated). */
  async subscribe(clubId: number, channelUserId: string, channel: string, locale: Locale): Promise<boolean> {
    const rows = await this.sql.query<{ inserted: boolean }>(
      `INSERT INTO club_subscription (club_id, channel_user_id, channel, locale) VALUES ($1, $2, $3, $4)
       ON CONFLICT (club_id, channel_user_id) DO UPDATE SET locale = EXCLUDED.locale
       RETURNING (xmax = 0) AS inserted`,
      [clubId, channelUserId, channel, locale],
    );
    return rows[0]?.inserted === true;
  }

  /** Ends one subscription; its reminders not yet handed to the outbox are dropped. True when there was one. */
  async unsubscribe(clubId: number, channelUserId: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM club_subscription WHERE club_id = $1 AND channel_user_id = $2 RETURNING id', [clubId, channelUserId]);
      await tx.query(
        `DELETE FROM reminder WHERE channel_user_id = $2 AND status = 'pending'
           AND meeting_id IN (SELECT id FROM meeting WHERE club_id = $1)`,
        [clubId, channelUserId],
      );
      await forgetPhoneWithoutClubs(tx, channelUserId);
      return rows.length > 0;
    });
  }

  /**
   * Removes everything reminders keep about a person: subscriptions, reminders, RSVPs and the
   * reminder phone. For a Zalo "unfollow" and for the "xóa dữ liệu" eraser (register it in the
   * PersonalDataEraser).
   * Outbox rows already queued are the outbox's own to erase.
   * @returns how many subscriptions were removed.
   */
  async removeAllFor(channelUserId: string): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM club_subscription WHERE channel_user_id = $1 RETURNING id', [channelUserId]);
      await tx.query('DELETE FROM reminder WHERE channel_user_id = $1', [channelUserId]);
      await tx.query('DELETE FROM meeting_rsvp WHERE channel_user_id = $1', [channelUserId]);
      await forgetPhoneWithoutClubs(tx, channelUserId);
      return rows.length;
    });
  }

  /** The ids of the clubs a person follows. */
  async clubIdsOf(channelUserId: string): Promise<number[]> {
    const rows = await this.sql.query<{ club_id: number }>('SELECT club_id FROM club_subscription WHERE channel_user_id = $1', [channelUserId]);
    return rows.map((row) => row.club_id);
  }

  /** Records (or changes) a person's answer for a meeting. */
  async answer(meetingId: number, channelUserId: string, answer: RsvpAnswer): Promise<void> {
    await this.sql.query(
      `INSERT INTO meeting_rsvp (meeting_id, channel_user_id, answer) VALUES ($1, $2, $3)
       ON CONFLICT (meeting_id, channel_user_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = now()`,
      [meetingId, channelUserId, answer],
    );
  }

  /**
   * The meeting a typed "sẽ tham gia" is about: the one of the person's latest reminder that has not
   * started more than `graceMs` ago.
   */
  async lastRemindedMeeting(channelUserId: string, now: Date, graceMs = 3 * 3_600_000): Promise<number | undefined> {
    const rows = await this.sql.query<{ meeting_id: number }>(
      `SELECT r.meeting_id FROM reminder r JOIN meeting m ON m.id = r.meeting_id
       WHERE r.channel_user_id = $1 AND r.status = 'enqueued' AND m.starts_at > $2
       ORDER BY r.enqueued_at DESC LIMIT 1`,
      [channelUserId, new Date(now.getTime() - graceMs)],
    );
    return rows[0]?.meeting_id;
  }
}
