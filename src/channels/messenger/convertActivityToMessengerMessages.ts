import { ActionTypes, type Activity } from 'botbuilder';
import { fitChoices, shortenTitle, splitText } from '../splitText.js';
import type { MessengerOutgoingMessage, MessengerQuickReply } from './messengerSchemas.js';

/** Send API limits: https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies */
export const MESSENGER_TEXT_LIMIT = 2000;
export const MESSENGER_QUICK_REPLY_LIMIT = 13;
export const MESSENGER_QUICK_REPLY_TITLE_LIMIT = 20;

/**
 * An outgoing activity as Send API messages: the text split at sentence boundaries into messages
 * of at most 2,000 characters, suggested actions as quick replies on the last one (at most 13,
 * titles shortened to 20 characters). With more choices than fit, all of them are also listed by
 * number, and the person can answer with the number.
 */
export function convertActivityToMessengerMessages(activity: Partial<Activity>): MessengerOutgoingMessage[] {
  const actions = (activity.suggestedActions?.actions ?? []).filter((action) => action.type !== ActionTypes.OpenUrl || action.value);
  const fitted = fitChoices(activity.text ?? '', actions, MESSENGER_QUICK_REPLY_LIMIT);
  const chunks = splitText(fitted.text, MESSENGER_TEXT_LIMIT);
  if (chunks.length === 0) return [];
  const quickReplies: MessengerQuickReply[] = fitted.buttons.map((action) => ({
    content_type: 'text',
    title: shortenTitle(String(action.title ?? action.value), MESSENGER_QUICK_REPLY_TITLE_LIMIT),
    payload: String(action.value ?? action.title).slice(0, 1000),
  }));
  return chunks.map((chunk, index) => ({
    message: index === chunks.length - 1 && quickReplies.length > 0 ? { text: chunk, quick_replies: quickReplies } : { text: chunk },
  }));
}
