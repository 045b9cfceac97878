import { messengerEventSchema, type MessengerEvent } from './messengerSchemas.js';

/** What the webhook does with one `messaging[]` item. */
export type MessengerEventClass =
  | { readonly action: 'store'; readonly event: MessengerEvent; readonly dedupeKey: string }
  | { readonly action: 'ignore'; readonly reason: 'echo' | 'delivery' | 'read' }
  | { readonly action: 'unsupported'; readonly type: string };

/**
 * Sorts a Messenger event: messages, postbacks and referrals are stored for the bot; echoes of
 * the page's own messages, delivery and read receipts are ignored; anything else (reactions,
 * edits, opt-ins, handover, malformed items) is reported as unsupported, to be logged and
 * acknowledged.
 */
export function classifyMessengerEvent(raw: unknown): MessengerEventClass {
  const parsed = messengerEventSchema.safeParse(raw);
  if (!parsed.success) return { action: 'unsupported', type: 'malformed' };
  const event = parsed.data;
  if (event.message?.is_echo) return { action: 'ignore', reason: 'echo' };
  if (event.message) return { action: 'store', event, dedupeKey: `mid:${event.message.mid}` };
  if (event.postback) {
    return { action: 'store', event, dedupeKey: event.postback.mid ? `mid:${event.postback.mid}` : `postback:${event.timestamp}` };
  }
  // Without a message id the person and the time identify an event; the intake adds the person.
  if (event.referral) return { action: 'store', event, dedupeKey: `referral:${event.timestamp}` };
  if (event.delivery) return { action: 'ignore', reason: 'delivery' };
  if (event.read) return { action: 'ignore', reason: 'read' };
  const known = new Set(['sender', 'recipient', 'timestamp']);
  return { action: 'unsupported', type: Object.keys(event).find((key) => !known.has(key)) ?? 'unknown' };
}
