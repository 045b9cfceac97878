import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { START_PAYLOAD, STICKER_CONTENT_TYPE } from '../../bot/wellKnownPayloads.js';
import type { ZaloEvent } from './zaloSchemas.js';
import { ZALO_CHANNEL } from '../channelIds.js';

/** The content type of a Zalo media kind ('image', 'sticker'...). */
function contentType(kind: string): string {
  return kind === 'sticker' ? STICKER_CONTENT_TYPE : `zalo/${kind}`;
}

function toAttachments(event: ZaloEvent): Attachment[] | undefined {
  if (event.event_name === 'follow' || event.event_name === 'user_send_text') return undefined;
  const attachments = event.message?.attachments;
  // A sticker or GIF may come without an attachment list: still something sent, to acknowledge.
  if (!attachments?.length) return [{ contentType: contentType(event.event_name.replace(/^user_send_/, '')) }];
  return attachments.map((attachment) =>
    attachment.type === 'location'
      ? { contentType: 'application/vnd.location', content: attachment.payload?.coordinates ?? {} }
      : { contentType: contentType(attachment.type), contentUrl: attachment.payload?.url, name: attachment.payload?.name },
  );
}

/**
 * A stored Zalo message or follow event as the bot's activity. A tapped `oa.query.hide` button
 * arrives as a `user_send_text` whose text is the button's payload, so dialogs recognise the
 * choice; a follow starts the conversation (greeting and menu). Media and locations come as
 * attachments with no text, which the bot acknowledges. The raw event rides in `channelData`.
 */
export function convertZaloEventToActivity(event: ZaloEvent, platformUserId: string): Partial<Activity> {
  const timestamp = Number(event.timestamp);
  const isFollow = event.event_name === 'follow';
  const text = isFollow ? START_PAYLOAD : event.event_name === 'user_send_text' ? event.message?.text : undefined;
  return {
    type: ActivityTypes.Message,
    id: event.message?.msg_id ?? `${event.event_name}:${platformUserId}:${timestamp}`,
    channelId: ZALO_CHANNEL,
    timestamp: new Date(timestamp),
    from: { id: platformUserId, name: '' },
    recipient: { id: event.recipient?.id ?? event.oa_id ?? '', name: '' },
    conversation: { id: platformUserId, isGroup: false, conversationType: 'personal', name: '' },
    serviceUrl: '',
    locale: undefined,
    text,
    attachments: toAttachments(event),
    channelData: event,
  };
}
