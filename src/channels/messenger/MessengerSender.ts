import type { ChannelSender, OutgoingDelivery, SendOutcome } from '../../outbound/ChannelSender.js';
import type { MessengerClient } from './MessengerClient.js';
import type { MessengerOutgoingMessage } from './messengerSchemas.js';

const HOUR = 3_600_000;
/** Meta's standard messaging window after the person's last message. */
export const MESSENGER_WINDOW_MS = 24 * HOUR;
/** The HUMAN_AGENT tag lets a person answer for up to 7 days. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;

/**
 * Sends outbox messages through the Send API under Meta's window rules: a normal RESPONSE within
 * 24 hours of the person's last message; after that only a human counselor may answer, with the
 * HUMAN_AGENT tag (when the page is approved for it), up to 7 days; a reminder (or a meeting
 * notice) whose body carries
 * a utility message template goes out as that template (`messaging_type: 'UTILITY'`); anything else
 * is not sent and is recorded as `window_closed`.
 */
export class MessengerSender implements ChannelSender {
  constructor(
    private readonly client: MessengerClient,
    private readonly options: { humanAgentTag: boolean; now?: () => number },
  ) {}

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const now = this.options.now?.() ?? Date.now();
    const since = delivery.recipient.lastInboundAt ? now - delivery.recipient.lastInboundAt.getTime() : Infinity;
    const body = delivery.body as MessengerOutgoingMessage;
    let request: Record<string, unknown>;
    if (since <= MESSENGER_WINDOW_MS) {
      request = { messaging_type: 'RESPONSE', message: body.message };
    } else if (delivery.purpose === 'agent' && this.options.humanAgentTag && since <= HUMAN_AGENT_WINDOW_MS) {
      request = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: body.message };
    } else if ((delivery.purpose === 'reminder' || delivery.purpose === 'notice') && body.utilityTemplate) {
      request = { messaging_type: 'UTILITY', message: { template: body.utilityTemplate } };
    } else {
      return { status: 'window_closed' };
    }
    const result = await this.client.send({ recipient: { id: delivery.recipient.platformUserId }, ...request });
    if (result.ok) return { status: 'sent', platformMessageId: result.messageId };
    switch (result.kind) {
      case 'transient':
        return { status: 'retry', error: result.code, retryAfterMs: result.retryAfterMs };
      case 'window_closed':
        return { status: 'window_closed', error: result.code };
      case 'permanent':
        return { status: 'failed', error: result.code };
    }
  }
}
