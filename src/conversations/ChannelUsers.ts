import type { SecretBox } from '../crypto/SecretBox.js';
import type { SqlExecutor } from '../store/Database.js';

/** How to reach a person again on their channel. */
export interface ChannelRecipient {
  readonly id: string;
  readonly channel: string;
  readonly platformUserId: string;
  /** Channel-specific addressing kept with the person (e.g. a Bot Framework conversation reference). */
  readonly reference: unknown;
  readonly lastInboundAt: Date | undefined;
  /** Set while the person left the channel (Zalo unfollow): reminders and notices are not sent. */
  readonly optedOutAt?: Date;
  /** The phone number the person gave for reminders by Zalo ZNS (digits, leading 0), if any. */
  readonly reminderPhone?: string;
}

/**
 * The people the bot talks to, one row per (channel, platform user), keyed by pseudonym. Platform
 * ids are sealed; the row is the conversation reference for later messages and the clock of the
 * platforms' messaging windows.
 */
export class ChannelUsers {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly secretBox: SecretBox,
  ) {}

  /** The pseudonymous id of a platform user: what every other table refers to. */
  idFor(channel: string, platformUserId: string): string {
    return this.secretBox.pseudonym(channel, platformUserId);
  }

  /**
   * Records that the person wrote at `at` (creating the row on first contact); the window clock only
   * moves forward, so an old event delivered late does not shorten it.
   * @param tx - run inside the caller's transaction (the intake stores event and person together).
   */
  async touchInbound(channel: string, platformUserId: string, at: Date, reference?: unknown, tx: SqlExecutor = this.sql): Promise<string> {
    const id = this.idFor(channel, platformUserId);
    await tx.query(
      `INSERT INTO channel_user (id, channel, platform_user_id, reference, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET
         last_inbound_at = GREATEST(channel_user.last_inbound_at, EXCLUDED.last_inbound_at),
         reference = COALESCE(EXCLUDED.reference, channel_user.reference)`,
      [
        id,
        channel,
        this.secretBox.seal(platformUserId, `channel_user.platform_user_id:${id}`),
        reference === undefined ? null : this.secretBox.sealJson(reference, `channel_user.reference:${id}`),
        at,
      ],
    );
    return id;
  }

  /** The person behind a pseudonymous id, or undefined when they were erased. */
  async find(id: string): Promise<ChannelRecipient | undefined> {
    const rows = await this.sql.query<{
      channel: string;
      platform_user_id: string;
      reference: string | null;
      last_inbound_at: Date | null;
      opted_out_at: Date | null;
      reminder_phone: string | null;
    }>(
      'SELECT channel, platform_user_id, reference, last_inbound_at, opted_out_at, reminder_phone FROM channel_user WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id,
      channel: row.channel,
      platformUserId: this.secretBox.open(row.platform_user_id, `channel_user.platform_user_id:${id}`),
      reference: row.reference === null ? undefined : this.secretBox.openJson(row.reference, `channel_user.reference:${id}`),
      lastInboundAt: row.last_inbound_at ?? undefined,
      optedOutAt: row.opted_out_at ?? undefined,
      reminderPhone: row.reminder_phone === null ? undefined : this.secretBox.open(row.reminder_phone, `channel_user.reminder_phone:${id}`),
    };
  }

  /**
   * Keeps the bot silent for the person until `until`: a human answers them (an OA admin, a
   * counselor). Creates the row when the human spoke first, without moving the window clock.
   */
  async pauseBot(channel: string, platformUserId: string, until: Date): Promise<void> {
    const id = this.idFor(channel, platformUserId);
    await this.sql.query(
      `INSERT INTO channel_user (id, channel, platform_user_id, bot_paused_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET bot_paused_until = EXCLUDED.bot_paused_until`,
      [id, channel, this.secretBox.seal(platformUserId, `channel_user.platform_user_id:${id}`), until],
    );
  }

  /** Whether a human has the conversation with this person right now (the bot must not answer). */
  async isBotPaused(id: string, now: Date = new Date()): Promise<boolean> {
    const rows = await this.sql.query<{ bot_paused_until: Date | null }>('SELECT bot_paused_until FROM channel_user WHERE id = $1', [id]);
    const until = rows[0]?.bot_paused_until;
    return !!until && until.getTime() > now.getTime();
  }

  /**
   * Keeps (or with `undefined` forgets) the phone number the person gave, with their consent, for
   * club reminders by ZNS. It goes with their last club subscription (see ClubSubscriptions).
   */
  async setReminderPhone(id: string, phone: string | undefined): Promise<void> {
    const sealed = phone === undefined ? null : this.secretBox.seal(phone, `channel_user.reminder_phone:${id}`);
    await this.sql.query('UPDATE channel_user SET reminder_phone = $2 WHERE id = $1', [id, sealed]);
  }

  /** Records that the person left the channel (`at`) or came back (`undefined`). */
  async setOptedOut(id: string, at: Date | undefined): Promise<void> {
    await this.sql.query('UPDATE channel_user SET opted_out_at = $2 WHERE id = $1', [id, at ?? null]);
  }
}
