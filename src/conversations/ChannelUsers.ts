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
    const rows = await this.sql.query<{ channel: string; platform_user_id: string; reference: string | null; last_inbound_at: Date | null }>(
      'SELECT channel, platform_user_id, reference, last_inbound_at FROM channel_user WHERE id = $1',
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
    };
  }
}
