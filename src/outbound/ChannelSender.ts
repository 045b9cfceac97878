import type { ChannelRecipient } from '../conversations/ChannelUsers.js';

/** Why a message goes out: decides which platform window rule applies. */
export type MessagePurpose = 'reply' | 'agent' | 'reminder' | 'notice';

/** One outbox message handed to its channel's sender. */
export interface OutgoingDelivery {
  readonly recipient: ChannelRecipient;
  readonly purpose: MessagePurpose;
  /** The platform request body the adapter built (without the recipient). */
  readonly body: unknown;
  /** The outbox message's dedupe key: unique per message, for platforms that track by our id (ZNS `tracking_id`). */
  readonly key: string;
}

/** What became of one send attempt. */
export type SendOutcome =
  | { readonly status: 'sent'; readonly platformMessageId?: string }
  /** Transient: try again after `retryAfterMs` if given, else backoff. */
  | { readonly status: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /** Cannot succeed as it is: recorded with the platform's code, not retried. */
  | { readonly status: 'failed'; readonly error: string }
  /** The platform's messaging window is closed for this purpose: recorded, counted, not sent. */
  | { readonly status: 'window_closed'; readonly error?: string };

/** A channel's outbound side: turns a stored message into a platform API call. */
export interface ChannelSender {
  send(delivery: OutgoingDelivery): Promise<SendOutcome>;
}
