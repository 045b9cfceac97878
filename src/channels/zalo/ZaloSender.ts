import type { ChannelSender, OutgoingDelivery, SendOutcome } from '../../outbound/ChannelSender.js';
import type { ZaloClient } from './ZaloClient.js';
import type { ZaloOutgoingMessage } from './zaloSchemas.js';

/** Zalo's consultation window: an OA may answer for 7 days after the person's last interaction. */
export const ZALO_CONSULTATION_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Sends outbox messages as consultation messages. Past the 7-day window nothing is attempted
 * (recorded as `window_closed`); Zalo's own -230 answer is recorded the same way, never retried.
 */
export class ZaloSender implements ChannelSender {
  constructor(
    private readonly client: ZaloClient,
    private readonly options: { now?: () => number } = {},
  ) {}

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const now = this.options.now?.() ?? Date.now();
    const since = delivery.recipient.lastInboundAt ? now - delivery.recipient.lastInboundAt.getTime() : Infinity;
    if (since > ZALO_CONSULTATION_WINDOW_MS) return { status: 'window_closed' };
    const { message } = delivery.body as ZaloOutgoingMessage;
    const result = await this.client.sendConsultation({ recipient: { user_id: delivery.recipient.platformUserId }, message });
    if (result.ok) return { status: 'sent', platformMessageId: result.messageId };
    switch (result.kind) {
      case 'transient':
        return { status: 'retry', error: result.code };
      case 'window_closed':
        return { status: 'window_closed', error: result.code };
      case 'permanent':
        return { status: 'failed', error: result.code };
    }
  }
}
