import type { ChannelRecipient, ChannelUsers, RecipientJson } from '../conversations/ChannelUsers.js';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { Logger } from '../logger.js';
import { backoffDelay } from '../store/backoffDelay.js';
import { GroupCommit } from '../store/GroupCommit.js';
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
  /** The person's row, read with the claim. */
  recipient: RecipientJson | null;
  channel: string;
  dedupe_key: string;
  purpose: MessagePurpose;
  payload: string;
}

/** What became of one claimed message, as the worker records it. */
type Settlement =
  | { seq: string; status: 'sent'; platformMessageId?: string }
  | { seq: string; status: 'failed' | 'window_closed' | 'opted_out'; error: string }
  | { seq: string; status: 'retry'; error: string; delayMs: number }
  /** Behind a message that waits for its retry: back in the queue, not attempted. */
  | { seq: string; status: 'released' };

/** A person's messages claimed together at most (a turn's replies are usually two to four). */
const MESSAGES_PER_CLAIM = 8;
/** Attempts before a transiently failing message is given up as failed. */
const MAX_ATTEMPTS = 10;
/** Messages stored per INSERT statement. */
const ENQUEUE_CHUNK = 1000;
/** Enqueues up to this size (a turn's replies) share statements with others'. */
const GROUPED_ENQUEUE_MAX = 50;
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
    // A turn's few replies share a statement with other turns' (group commit); a large batch
    // (reminders) has its own transaction.
    const stored =
      entries.length <= GROUPED_ENQUEUE_MAX
        ? await this.enqueueGroup.submit(entries)
        : entries.length <= ENQUEUE_CHUNK
          ? (await this.insert(this.sql, entries)).size
          : (await this.sql.transaction((tx) => this.insert(tx, entries))).size;
    for (const listener of this.listeners) listener();
    return stored;
  }

  /** Turns' replies stored together: each turn's entries stay together and in order. */
  private readonly enqueueGroup = new GroupCommit<readonly OutboxEntry[], number>(async (batches) => {
    const fresh = await this.insert(this.sql, batches.flat());
    return batches.map((batch) => batch.filter((entry) => fresh.delete(entry.dedupeKey)).length);
  });

  /** Inserts in chunks, in order, skipping known dedupe keys. @returns the keys that were new. */
  private async insert(tx: SqlExecutor, entries: readonly OutboxEntry[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    // WITH ORDINALITY keeps `seq` in the order given, which is the order a person receives them.
    for (let start = 0; start < entries.length; start += ENQUEUE_CHUNK) {
      const chunk = entries.slice(start, start + ENQUEUE_CHUNK);
      const rows = await tx.query<{ dedupe_key: string }>(
        `INSERT INTO outbox_message (channel, lane_key, dedupe_key, purpose, payload)
         SELECT channel, lane_key, dedupe_key, purpose, payload
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
           AS entry(channel, lane_key, dedupe_key, purpose, payload, position)
         ORDER BY position
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
        [
          chunk.map((entry) => entry.channel),
          chunk.map((entry) => entry.laneKey),
          chunk.map((entry) => entry.dedupeKey),
          chunk.map((entry) => entry.purpose),
          chunk.map((entry) => this.secretBox.sealJson(entry.body, `outbox:${entry.dedupeKey}`)),
        ],
      );
      for (const row of rows) fresh.add(row.dedupe_key);
    }
    return fresh;
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
   * The worker that sends stored messages through each channel's sender. A person's messages that
   * are due together (a turn's replies) are claimed together with the person's row and sent in
   * order, each recorded (group-committed with other people's) before the next goes.
   * @param senders - by channel name.
   */
  createWorker(deps: { senders: ReadonlyMap<string, ChannelSender>; channelUsers: ChannelUsers; logger: Logger; concurrency: number }): LaneWorker<OutboxRow> {
    const { senders, channelUsers, logger } = deps;
    const worker = new LaneWorker<OutboxRow>({
      name: 'outbox',
      queue: this.queue,
      concurrency: deps.concurrency,
      perLane: MESSAGES_PER_CLAIM,
      returning: `${channelUsers.recipientSql('row.lane_key')} AS recipient`,
      maxAttempts: MAX_ATTEMPTS,
      logger,
      handle: async (rows) => {
        const claimedAt = Date.now();
        const first = rows[0]!;
        const sender = senders.get(first.channel);
        // "Gone" is asked again before the message is given up (see LaneQueue.claim's `returning`).
        const recipient = channelUsers.recipientFrom(first.lane_key, first.recipient) ?? (await channelUsers.find(first.lane_key));
        const released = (rest: readonly OutboxRow[]): Settlement[] => rest.map((row) => ({ seq: row.seq, status: 'released' }));
        for (const [i, row] of rows.entries()) {
          // Near the end of the lease the rest are left for the next claim, so the lease never runs
          // out while a platform call is still under way.
          if (Date.now() - claimedAt > (LEASE_SECONDS * 1000) / 2) {
            await this.settleGroup.submit(released(rows.slice(i)));
            return;
          }
          const settlement = await this.attempt(row, sender, recipient, logger);
          // Recorded before the next one goes (shared with other people's, so still few statements):
          // after a crash at most this one message is sent twice. Behind a retry the rest wait.
          const stop = settlement.status === 'retry';
          await this.settleGroup.submit([settlement, ...(stop ? released(rows.slice(i + 1)) : [])]);
          if (stop) return;
        }
      },
    });
    this.onEnqueue(() => worker.wake());
    return worker;
  }

  /** Sends one message (or decides it cannot be sent) and says how to record it. */
  private async attempt(row: OutboxRow, sender: ChannelSender | undefined, recipient: ChannelRecipient | undefined, logger: Logger): Promise<Settlement> {
    if (!sender || !recipient) {
      // The person erased their data, or the channel is not configured: nobody to send to.
      return { seq: row.seq, status: 'failed', error: sender ? 'recipient_gone' : 'channel_not_configured' };
    }
    if (recipient.optedOutAt && (row.purpose === 'reminder' || row.purpose === 'notice')) {
      // They unfollowed: only their own return (which clears the mark) reopens unprompted messages.
      return { seq: row.seq, status: 'opted_out', error: 'opted_out' };
    }
    const body = this.secretBox.openJson(row.payload, `outbox:${row.dedupe_key}`);
    const outcome = await sender.send({ recipient, purpose: row.purpose, body, key: row.dedupe_key });
    switch (outcome.status) {
      case 'sent':
        return { seq: row.seq, status: 'sent', platformMessageId: outcome.platformMessageId };
      case 'failed':
        logger.warn({ channel: row.channel, seq: row.seq, error: outcome.error }, 'message failed permanently');
        return { seq: row.seq, status: 'failed', error: outcome.error };
      case 'window_closed':
        return { seq: row.seq, status: 'window_closed', error: outcome.error ?? 'window_closed' };
      case 'retry':
        if (row.attempts >= MAX_ATTEMPTS) return { seq: row.seq, status: 'failed', error: outcome.error };
        return { seq: row.seq, status: 'retry', error: outcome.error, delayMs: Math.max(outcome.retryAfterMs ?? 0, backoffDelay(row.attempts)) };
    }
  }

  /** Records what became of lanes' claimed messages: lanes finishing together share one statement. */
  private readonly settleGroup = new GroupCommit<readonly Settlement[], void>(async (lanes) => {
    await this.settle(lanes.flat());
    return lanes.map(() => undefined);
  });

  private async settle(settlements: readonly Settlement[]): Promise<void> {
    await this.sql.query(
      `UPDATE outbox_message AS m SET
         status = CASE WHEN u.status IN ('retry', 'released') THEN 'pending' ELSE u.status END,
         locked_until = NULL,
         -- A released message was not attempted: its claim does not count.
         attempts = CASE WHEN u.status = 'released' THEN m.attempts - 1 ELSE m.attempts END,
         next_attempt_at = CASE WHEN u.status = 'retry' THEN now() + make_interval(secs => u.delay_ms / 1000.0) ELSE m.next_attempt_at END,
         sent_at = CASE WHEN u.status = 'sent' THEN now() ELSE m.sent_at END,
         platform_message_id = CASE WHEN u.status = 'sent' THEN u.platform_message_id ELSE m.platform_message_id END,
         last_error = CASE WHEN u.status = 'released' THEN m.last_error ELSE u.error END
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::float8[]) AS u(seq, status, platform_message_id, error, delay_ms)
       WHERE m.seq = u.seq`,
      [
        settlements.map((s) => s.seq),
        settlements.map((s) => s.status),
        settlements.map((s) => ('platformMessageId' in s ? (s.platformMessageId ?? null) : null)),
        settlements.map((s) => ('error' in s ? s.error : null)),
        settlements.map((s) => ('delayMs' in s ? s.delayMs : null)),
      ],
    );
  }
}
