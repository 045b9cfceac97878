import type { SecretBox } from '../crypto/SecretBox.js';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { SqlExecutor } from '../store/Database.js';
import { GroupCommit } from '../store/GroupCommit.js';
import { LaneQueue, type ClaimedRow } from '../store/LaneQueue.js';

/** One platform event as a channel's webhook hands it to the intake. */
export interface InboundEnvelope {
  readonly channel: string;
  /**
   * Same on redelivery, and unique among one person's events: the platform message id, or the
   * event's kind and time. Never the platform user id: it is stored behind the person's pseudonym.
   */
  readonly dedupeKey: string;
  /** The platform user the event is from (its lane). */
  readonly platformUserId: string;
  /** When the person acted, per the platform. */
  readonly occurredAt: Date;
  /** The raw platform event, stored sealed. */
  readonly event: unknown;
}

/** A stored event as the worker gets it back. */
export interface StoredInboundEvent {
  readonly seq: string;
  readonly channel: string;
  /** The envelope's key behind its person's pseudonym, as stored (replies' keys derive from it). */
  readonly dedupeKey: string;
  readonly laneKey: string;
  readonly attempts: number;
  readonly event: unknown;
}

interface InboundRow extends ClaimedRow {
  channel: string;
  dedupe_key: string;
  payload: string;
}

/** Seconds a worker holds an event before another may take it (a crashed worker's events come back). */
const LEASE_SECONDS = 30;

/**
 * The durable intake: webhooks store events here before they answer the platform, and the intake
 * worker runs the bot from these rows. A redelivered event (same channel and dedupe key) is
 * recognised and not stored again.
 */
export class InboundEvents {
  readonly queue: LaneQueue;

  /** One webhook's events stay together in one batch, in their order. */
  private readonly recordGroup = new GroupCommit<readonly InboundEnvelope[], number>((batches) => this.store(batches));

  /** Events finished together are marked with one statement. */
  private readonly doneGroup = new GroupCommit<string, void>(async (seqs) => {
    await this.sql.query(
      "UPDATE inbound_event SET status = 'done', locked_until = NULL, processed_at = now() WHERE seq = ANY($1::bigint[])",
      [seqs],
    );
    return seqs.map(() => undefined);
  });

  constructor(
    private readonly sql: SqlExecutor,
    private readonly secretBox: SecretBox,
    private readonly channelUsers: ChannelUsers,
  ) {
    this.queue = new LaneQueue(sql, 'inbound_event', LEASE_SECONDS);
  }

  /**
   * Stores events and their senders' window clocks (atomically, one statement). Webhooks arriving
   * together share the statement (group commit); each waits until its own events are stored, since
   * that is what it answers the platform on.
   * @returns how many were new; the rest were redeliveries.
   */
  async record(envelopes: readonly InboundEnvelope[]): Promise<number> {
    if (envelopes.length === 0) return 0;
    return this.recordGroup.submit(envelopes);
  }

  private async store(batches: readonly (readonly InboundEnvelope[])[]): Promise<number[]> {
    const envelopes = batches.flat();
    const touch = this.channelUsers.touchInboundCte(
      envelopes.map((envelope) => ({ channel: envelope.channel, platformUserId: envelope.platformUserId, at: envelope.occurredAt })),
    );
    // Unique across people, and without a platform id in it (a follow or a referral has no message
    // id, only its person and time).
    const keys = envelopes.map((envelope, i) => `${touch.ids[i]}:${envelope.dedupeKey}`);
    const rows = await this.sql.query<{ channel: string; dedupe_key: string }>(
      `WITH ${touch.cte}
       INSERT INTO inbound_event (channel, dedupe_key, lane_key, payload)
       SELECT channel, dedupe_key, lane_key, payload
       FROM unnest($6::text[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS event(channel, dedupe_key, lane_key, payload, position)
       -- seq follows the order the platform delivered them in, which is each person's order.
       ORDER BY position
       ON CONFLICT (channel, dedupe_key) DO NOTHING
       RETURNING channel, dedupe_key`,
      [
        ...touch.params,
        envelopes.map((envelope) => envelope.channel),
        keys,
        touch.ids,
        envelopes.map((envelope, i) => this.secretBox.sealJson(envelope.event, `inbound_event:${envelope.channel}:${keys[i]}`)),
      ],
    );
    // Each new event counts for the first webhook of the batch that carried it.
    const fresh = new Set(rows.map((row) => `${row.channel}\n${row.dedupe_key}`));
    let next = 0; // keys are in the order of batches.flat()
    return batches.map((batch) => batch.filter((envelope) => fresh.delete(`${envelope.channel}\n${keys[next++]}`)).length);
  }

  /** Leases due events (at most one per person), decrypted. */
  async claim(limit: number): Promise<StoredInboundEvent[]> {
    const rows = await this.queue.claim<InboundRow>(limit);
    return rows.map((row) => this.toStored(row));
  }

  /** Opens a claimed row. */
  toStored(row: InboundRow): StoredInboundEvent {
    return {
      seq: String(row.seq),
      channel: row.channel,
      dedupeKey: row.dedupe_key,
      laneKey: row.lane_key,
      attempts: row.attempts,
      event: this.secretBox.openJson(row.payload, `inbound_event:${row.channel}:${row.dedupe_key}`),
    };
  }

  /**
   * "Delete my data": removes a person's processed events (their words, sealed). The event being
   * processed right now (the request to delete) stays until it is done, then goes with retention.
   * @returns how many were removed.
   */
  async eraseFor(laneKey: string): Promise<number> {
    return (await this.sql.query("DELETE FROM inbound_event WHERE lane_key = $1 AND status IN ('done', 'failed') RETURNING seq", [laneKey])).length;
  }

  /** Marks an event processed. */
  async markDone(seq: string): Promise<void> {
    await this.doneGroup.submit(seq);
  }
}

export type { InboundRow };
