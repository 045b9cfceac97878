import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { START_PAYLOAD, STICKER_CONTENT_TYPE } from '../../bot/wellKnownPayloads.js';
import type { MessengerEvent } from './messengerSchemas.js';
import { MESSENGER_CHANNEL } from '../channelIds.js';

function toAttachments(event: MessengerEvent): Attachment[] | undefined {
  const attachments = event.message?.attachments;
  if (!attachments?.length) return undefined;
  return attachments.map((attachment) =>
    attachment.type === 'location'
      ? { contentType: 'application/vnd.location', content: attachment.payload?.coordinates ?? {} }
      : attachment.payload?.sticker_id !== undefined
        ? { contentType: STICKER_CONTENT_TYPE, contentUrl: attachment.payload.url }
        : { contentType: `messenger/${attachment.type}`, contentUrl: attachment.payload?.url, name: attachment.payload?.title },
  );
}

/**
 * A Messenger event as the bot's activity. What the person tapped travels as `text` (the button's
 * payload), so dialogs recognise it whatever the label said; the raw event rides in `channelData`.
 * A referral (m.me link with `ref`) starts the conversation with the referral in `value`.
 */
export function convertMessengerEventToActivity(event: MessengerEvent): Partial<Activity> {
  const referral = event.postback?.referral ?? event.referral;
  const text =
    event.message?.quick_reply?.payload ??
    event.postback?.payload ??
    event.message?.text ??
    (event.referral ? START_PAYLOAD : undefined);
  return {
    type: ActivityTypes.Message,
    id: event.message?.mid ?? event.postback?.mid ?? `${event.sender.id}:${event.timestamp}`,
    channelId: MESSENGER_CHANNEL,
    timestamp: new Date(event.timestamp),
    from: { id: event.sender.id, name: '' },
    recipient: { id: event.recipient.id, name: '' },
    conversation: { id: event.sender.id, isGroup: false, conversationType: 'personal', name: '' },
    serviceUrl: '',
    locale: undefined,
    text,
    attachments: toAttachments(event),
    value: referral ? { referral } : undefined,
    channelData: event,
  };
}
