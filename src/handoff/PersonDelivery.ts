import type { MessagePurpose } from '../outbound/ChannelSender.js';

/** How the handoff service reaches a person on their channel, through that channel's outbox. */
export interface PersonDelivery {
  /**
   * Queues a text for the person.
   * @returns the outbox key of the message (to show its delivery status), or undefined when the
   *   person's channel cannot take messages outside a turn.
   */
  send(to: { channel: string; personId: string }, text: string, purpose: MessagePurpose): Promise<string | undefined>;
}
