import type { ChannelSender, OutgoingDelivery, SendOutcome } from '../../outbound/ChannelSender.js';
import type { ZaloClient, ZaloResult } from './ZaloClient.js';
import type { ZaloOutgoingMessage } from './zaloSchemas.js';

/**
 * Zalo's consultation window: an OA may answer for 7 days after the person's last interaction
 * (Zalo answers -230 after that). The first 8 answers within 48 hours are free "reply" messages;
 * later ones draw on the OA's paid quota, which Zalo accounts for itself (-211 when it runs out).
 */
export const ZALO_CONSULTATION_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Sends outbox messages as consultation messages inside the 7-day window. Outside it, a reminder
 * or notice whose body carries a ZNS template goes out by ZNS to the phone number the person gave
 * for reminders; without a template or a phone nothing is attempted and the message is recorded
 * `window_closed` (counted for the organiser). Zalo's own -230 answer is treated the same way.
 */
export class ZaloSender implements ChannelSender {
  constructor(
    private readonly client: ZaloClient,
    private readonly options: { now?: () => number } = {},
  ) {}

  async send(delivery: OutgoingDelivery): Promise<SendOutcome> {
    const now = this.options.now?.() ?? Date.now();
    const since = delivery.recipient.lastInboundAt ? now - delivery.recipient.lastInboundAt.getTime() : Infinity;
    const { message, zns } = delivery.body as ZaloOutgoingMessage;
    // Only unprompted messages about meetings may use the template, never a reply or a counselor's words.
    const template = delivery.purpose === 'reminder' || delivery.purpose === 'notice' ? zns : undefined;
    const byZns = async (windowError?: string): Promise<SendOutcome> => {
      const phone = delivery.recipient.reminderPhone;
      if (!template || !phone) return { status: 'window_closed', error: windowError ?? (template ? 'no_phone' : undefined) };
      return outcomeOf(await this.client.sendZns({ phone, templateId: template.template_id, templateData: template.template_data, trackingId: delivery.key }));
    };
    if (since > ZALO_CONSULTATION_WINDOW_MS) return byZns();
    const result = await this.client.sendConsultation({ recipient: { user_id: delivery.recipient.platformUserId }, message });
    // Zalo's clock may disagree with ours (an interaction we never saw as a webhook): its word counts.
    if (!result.ok && result.kind === 'window_closed') return byZns(result.code);
    return outcomeOf(result);
  }
}

function outcomeOf(result: ZaloResult): SendOutcome {
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
