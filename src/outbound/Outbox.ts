import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { Logger } from '../logger.js';
import { backoffDelay } from '../store/backoffDelay.js';
import type { SqlExecutor } from '../store/Database.js';
import { LaneQueue, type ClaimedRow } from '../store/LaneQueue.js';
import { LaneWorker } from '../store/LaneWorker.js';
import type { ChannelSender, MessagePurpose } from './ChannelSender.js';

/** A message to store for sending. */
export interface OutboxEntry {
  readonly channel: string;
  /** The recipient's ChannelUser id. */
  readonly laneKey: string;
  /** Unique per message: the same key twice stores one message (turn re-runs, retried jobs). */
  readonly dedupeKey: string;
  readonly purpose: MessagePurpose;
  readonly body: unknown;
}

interface OutboxRow extends ClaimedRow {
  channel: string;
  dedupe_key: string;
  purpose: MessagePurpose;
  payload: string;
}

/** Attempts before a transiently failing message is given up as failed. */
const MAX_ATTEMPTS = 10;
/** Messages stored per INSERT statement. */
const ENQUEUE_CHUNK = 1000;
/**
 * Seconds a sender holds a message; a crashed sender's messages come back after it. Longer than a
 * platform call's timeout (10 s), short enough that a person's replies resume soon after a crash.
 */
const LEASE_SECONDS = 20;

/**
 * The outbox: every message to a person is a row first, then sent by the worker in order per
 * person, with retries (exponential backoff with jitter, Retry-After honoured) on network errors,
 * 5xx and rate limits; permanent errors and closed windows are recorded, never retried.
 */
export class Outbox {
  readonly queue: LaneQueue;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly sql: SqlExecutor,
    private readonly secretBox: SecretBox,
  ) {
    this.queue = new LaneQueue(sql, 'outbox_message', LEASE_SECONDS);
  }

  /** Calls `listener` after each enqueue (the worker wakes up). */
  onEnqueue(listener: () => void): void {
    this.listeners.add(listener);
  }

  /**
   * Stores messages in order; a dedupe key already present is skipped.
   * @returns how many were new.
   */
  async enqueue(entries: readonly OutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    // One statement per chunk: reminders enqueue thousands at a time. WITH ORDINALITY keeps `seq`
    // in the order given, which is the order a person receives them.
    const run = async (tx: SqlExecutor): Promise<number> => {
      let stored = 0;
      for (let start = 0; start < entries.length; start += ENQUEUE_CHUNK) {
        const chunk = entries.slice(start, start + ENQUEUE_CHUNK);
        const rows = await tx.query(
          `INSERT INTO outbox_message (channel, lane_key, dedupe_key, purpose, payload)
           SELECT channel, lane_key, dedupe_key, purpose, payload
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
             AS entry(channel, lane_key, dedupe_key, purpose, payload, position)
           ORDER BY position
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING seq`,
          [
            chunk.map((entry) => entry.channel),
            chunk.map((entry) => entry.laneKey),
            chunk.map((entry) => entry.dedupeKey),
            chunk.map((entry) => entry.purpose),
            chunk.map((entry) => this.secretBox.sealJson(entry.body, `outbox:${entry.dedupeKey}`)),
          ],
        );
        stored += rows.length;
      }
      return stored;
    };
    const stored = entries.length <= ENQUEUE_CHUNK ? await run(this.sql) : await this.sql.transaction(run);
    for (const listener of this.listeners) listener();
    return stored;
  }

  /**
   * "Delete my data": removes the messages already sent (or given up) to a person. Messages still
   * waiting are kept so the confirmation of the deletion itself reaches them.
   * @returns how many were removed.
   */
  async eraseFor(laneKey: string): Promise<number> {
    return (await this.sql.query("DELETE FROM outbox_message WHERE lane_key = $1 AND status NOT IN ('pending', 'processing') RETURNING seq", [laneKey])).length;
  }

  /**
   * The worker that sends stored messages through each channel's sender.
   * @param senders - by channel name.
   */
  createWorker(deps: { senders: ReadonlyMap<string, ChannelSender>; channelUsers: ChannelUsers; logger: Logger; concurrency: number }): LaneWorker<OutboxRow> {
    const { senders, channelUsers, logger } = deps;
    const worker = new LaneWorker<OutboxRow>({
      name: 'outbox',
      queue: this.queue,
      concurrency: deps.concurrency,
      maxAttempts: MAX_ATTEMPTS,
      logger,
      handle: async (row) => {
        const sender = senders.get(row.channel);
        const recipient = await channelUsers.find(row.lane_key);
        if (!sender || !recipient) {
          // The person erased their data, or the channel is not configured: nobody to send to.
          await this.queue.finish(row.seq, 'failed', { last_error: sender ? 'recipient_gone' : 'channel_not_configured' });
          return;
        }
        if (recipient.optedOutAt && (row.purpose === 'reminder' || row.purpose === 'notice')) {
          // They unfollowed: only their own return (which clears the mark) reopens unprompted messages.
          await this.queue.finish(row.seq, 'opted_out', { last_error: 'opted_out' });
          return;
        }
        const body = this.secretBox.openJson(row.payload, `outbox:${row.dedupe_key}`);
        const outcome = await sender.send({ recipient, purpose: row.purpose, body, key: row.dedupe_key });
        switch (outcome.status) {
          case 'sent':
            await this.queue.finish(row.seq, 'sent', { sent_at: new Date(), platform_message_id: outcome.platformMessageId ?? null, last_error: null });
            return;
          case 'failed':
            logger.warn({ channel: row.channel, seq: row.seq, error: outcome.error }, 'message failed permanently');
            await this.queue.finish(row.seq, 'failed', { last_error: outcome.error });
            return;
          case 'window_closed':
            await this.queue.finish(row.seq, 'window_closed', { last_error: outcome.error ?? 'window_closed' });
            return;
          case 'retry':
            if (row.attempts >= MAX_ATTEMPTS) {
              await this.queue.finish(row.seq, 'failed', { last_error: outcome.error });
              return;
            }
            await this.queue.retryLater(row.seq, Math.max(outcome.retryAfterMs ?? 0, backoffDelay(row.attempts)), outcome.error);
            return;
        }
      },
    });
    this.onEnqueue(() => worker.wake());
    return worker;
  }
}
