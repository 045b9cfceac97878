import type { ZaloEvent } from './zaloSchemas.js';

/** What the person may send: text, and media the bot acknowledges (a counselor can see them). */
const USER_MESSAGE_EVENTS = new Set([
  'user_send_text',
  'user_send_image',
  'user_send_file',
  'user_send_audio',
  'user_send_video',
  'user_send_sticker',
  'user_send_gif',
  'user_send_link',
  'user_send_location',
  'user_send_business_card',
]);

/** What the webhook does with one Zalo event. */
export type ZaloEventClass =
  | { readonly action: 'store'; readonly dedupeKey: string; readonly platformUserId: string }
  /** An OA admin answered the person from the OA console: the bot steps back. */
  | { readonly action: 'pause'; readonly platformUserId: string }
  | { readonly action: 'ignore'; readonly reason: 'echo' | 'receipt' | 'submitted_info' }
  | { readonly action: 'unsupported'; readonly type: string };

/**
 * Sorts a Zalo event: the person's messages, follow and unfollow are stored for the intake (in
 * order per person); echoes of the OA's own messages are ignored unless an admin typed them;
 * receipts are ignored; `user_submit_info` is not stored, because the bot never asks for contact
 * details and keeping a name, phone or address it did not need would only add risk.
 */
export function classifyZaloEvent(event: ZaloEvent): ZaloEventClass {
  const name = event.event_name;
  if (USER_MESSAGE_EVENTS.has(name) && event.sender && event.message) {
    return { action: 'store', dedupeKey: `msg:${event.message.msg_id}`, platformUserId: event.sender.id };
  }
  if (name === 'follow' || name === 'unfollow') {
    const person = event.follower ?? event.sender;
    if (!person) return { action: 'unsupported', type: `${name}:malformed` };
    // The intake adds the person to the key (as their pseudonym).
    return { action: 'store', dedupeKey: `${name}:${event.timestamp}`, platformUserId: person.id };
  }
  if (name.startsWith('oa_send_')) {
    return event.sender?.admin_id && event.recipient ? { action: 'pause', platformUserId: event.recipient.id } : { action: 'ignore', reason: 'echo' };
  }
  if (name === 'user_received_message' || name === 'user_seen_message') return { action: 'ignore', reason: 'receipt' };
  if (name === 'user_submit_info') return { action: 'ignore', reason: 'submitted_info' };
  return { action: 'unsupported', type: USER_MESSAGE_EVENTS.has(name) ? `${name}:malformed` : name };
}
