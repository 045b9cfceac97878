import type { SecretBox } from '../crypto/SecretBox.js';
import type { SqlExecutor } from '../store/Database.js';
import { GroupCommit } from '../store/GroupCommit.js';

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

/** A person's row as {@link ChannelUsers.recipientSql} reads it (sealed, times in epoch ms). */
export interface RecipientJson {
  readonly channel: string;
  readonly platformUserId: string;
  readonly reference: string | null;
  readonly lastInboundAt: number | string | null;
  readonly optedOutAt: number | string | null;
  readonly reminderPhone: string | null;
}

/** A person's message arriving: who, on which channel, when, and how to address them later. */
export interface InboundContact {
  readonly channel: string;
  readonly platformUserId: string;
  readonly at: Date;
  /** Channel-specific addressing to keep (e.g. a Bot Framework conversation reference). */
  readonly reference?: unknown;
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
   */
  async touchInbound(channel: string, platformUserId: string, at: Date, reference?: unknown): Promise<string> {
    const touch = this.touchInboundCte([{ channel, platformUserId, at, reference }]);
    await this.sql.query(`WITH ${touch.cte} SELECT 1`, touch.params);
    return touch.ids[0]!;
  }

  /**
   * The upsert of {@link ChannelUsers.touchInbound} for several contacts, as a CTE named `touched`
   * using parameters $1 to $5, so a caller can store something with it in the same statement (the
   * intake stores the events and their senders in one round trip, atomically).
   * @returns the CTE, its parameters and each contact's pseudonymous id, in order.
   */
  touchInboundCte(contacts: readonly InboundContact[]): { cte: string; params: unknown[]; ids: string[] } {
    const ids = contacts.map((contact) => this.idFor(contact.channel, contact.platformUserId));
    // ON CONFLICT may touch a row once per statement: one row per person, their latest contact.
    const latest = new Map<string, number>();
    ids.forEach((id, i) => {
      const seen = latest.get(id);
      if (seen === undefined || contacts[seen]!.at.getTime() <= contacts[i]!.at.getTime()) latest.set(id, i);
    });
    const rows = [...latest].map(([id, i]) => ({ id, contact: contacts[i]! }));
    return {
      ids,
      params: [
        rows.map((row) => row.id),
        rows.map((row) => row.contact.channel),
        rows.map((row) => this.secretBox.seal(row.contact.platformUserId, `channel_user.platform_user_id:${row.id}`)),
        rows.map((row) => (row.contact.reference === undefined ? null : this.secretBox.sealJson(row.contact.reference, `channel_user.reference:${row.id}`))),
        rows.map((row) => row.contact.at.toISOString()),
      ],
      cte: `touched AS (
        INSERT INTO channel_user (id, channel, platform_user_id, reference, last_inbound_at)
        SELECT id, channel, platform_user_id, reference, at AT TIME ZONE 'UTC'
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS contact(id, channel, platform_user_id, reference, at)
        ON CONFLICT (id) DO UPDATE SET
          last_inbound_at = GREATEST(channel_user.last_inbound_at, EXCLUDED.last_inbound_at),
          reference = COALESCE(EXCLUDED.reference, channel_user.reference)
        RETURNING id)`,
    };
  }

  /** The person behind a pseudonymous id, or undefined when they were erased. */
  async find(id: string): Promise<ChannelRecipient | undefined> {
    const rows = await this.sql.query<{ recipient: RecipientJson | null }>(`SELECT ${this.recipientSql('$1')} AS recipient`, [id]);
    return this.recipientFrom(id, rows[0]?.recipient ?? null);
  }

  /**
   * A scalar SQL expression for the person whose id is `idExpression`, as JSON (null when erased),
   * so a query that picks up their messages reads them in the same round trip. Decode it with
   * {@link ChannelUsers.recipientFrom}.
   */
  recipientSql(idExpression: string): string {
    // Times as epoch milliseconds: `timestamp` columns hold UTC without a zone.
    return `(SELECT json_build_object(
      'channel', cu.channel, 'platformUserId', cu.platform_user_id, 'reference', cu.reference,
      'lastInboundAt', EXTRACT(EPOCH FROM cu.last_inbound_at) * 1000, 'optedOutAt', EXTRACT(EPOCH FROM cu.opted_out_at) * 1000,
      'reminderPhone', cu.reminder_phone)
      FROM channel_user AS cu WHERE cu.id = ${idExpression})`;
  }

  /** Opens what {@link ChannelUsers.recipientSql} read. */
  recipientFrom(id: string, json: RecipientJson | null): ChannelRecipient | undefined {
    if (!json) return undefined;
    return {
      id,
      channel: json.channel,
      platformUserId: this.secretBox.open(json.platformUserId, `channel_user.platform_user_id:${id}`),
      reference: json.reference === null ? undefined : this.secretBox.openJson(json.reference, `channel_user.reference:${id}`),
      lastInboundAt: json.lastInboundAt === null ? undefined : new Date(Number(json.lastInboundAt)),
      optedOutAt: json.optedOutAt === null ? undefined : new Date(Number(json.optedOutAt)),
      reminderPhone: json.reminderPhone === null ? undefined : this.secretBox.open(json.reminderPhone, `channel_user.reminder_phone:${id}`),
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
    const until = await this.pauseLookups.submit(id);
    return !!until && until.getTime() > now.getTime();
  }

  /** Turns asking at the same time share one query (group commit). */
  private readonly pauseLookups = new GroupCommit<string, Date | null>(async (ids) => {
    const rows = await this.sql.query<{ id: string; bot_paused_until: Date | null }>(
      'SELECT id, bot_paused_until FROM channel_user WHERE id = ANY($1::text[])',
      [ids],
    );
    const until = new Map(rows.map((row) => [row.id, row.bot_paused_until]));
    return ids.map((id) => until.get(id) ?? null);
  });

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
