import { ActionTypes, type Activity } from 'botbuilder';
import { fitChoices, shortenTitle, splitText } from '../splitText.js';
import { normalizePhoneNumber } from '../../reports/phoneNumber.js';
import { callActionsOf } from '../callActions.js';
import type { MessengerCallTemplate, MessengerOutgoingMessage, MessengerQuickReply } from './messengerSchemas.js';

/** Send API limits: https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies */
export const MESSENGER_TEXT_LIMIT = 2000;
export const MESSENGER_QUICK_REPLY_LIMIT = 13;
export const MESSENGER_QUICK_REPLY_TITLE_LIMIT = 20;
/** Button template: https://developers.facebook.com/docs/messenger-platform/send-messages/template/button */
export const MESSENGER_BUTTON_TEMPLATE_TEXT_LIMIT = 640;
export const MESSENGER_CALL_BUTTON_LIMIT = 3;

/**
 * An outgoing activity as Send API messages: the text split at sentence boundaries into messages
 * of at most 2,000 characters, suggested actions as quick replies on the last one (at most 13,
 * titles shortened to 20 characters). With more choices than fit, all of them are also listed by
 * number, and the person can answer with the number. Call actions (the directory's tap-to-call)
 * make the last message a button template with `phone_number` buttons.
 */
export function convertActivityToMessengerMessages(activity: Partial<Activity>): MessengerOutgoingMessage[] {
  const actions = (activity.suggestedActions?.actions ?? []).filter((action) => action.type !== ActionTypes.OpenUrl || action.value);
  const calls = callButtons(activity);
  const fitted = fitChoices(activity.text ?? '', actions, MESSENGER_QUICK_REPLY_LIMIT);
  // With call buttons the last message is a button template, whose text is shorter.
  const chunks = splitText(fitted.text, calls.length > 0 ? MESSENGER_BUTTON_TEMPLATE_TEXT_LIMIT : MESSENGER_TEXT_LIMIT);
  if (chunks.length === 0) return [];
  const quickReplies: MessengerQuickReply[] = fitted.buttons.map((action) => ({
    content_type: 'text',
    title: shortenTitle(String(action.title ?? action.value), MESSENGER_QUICK_REPLY_TITLE_LIMIT),
    payload: String(action.value ?? action.title).slice(0, 1000),
  }));
  return chunks.map((chunk, index) => {
    if (index < chunks.length - 1) return { message: { text: chunk } };
    const body = calls.length > 0 ? { attachment: { type: 'template' as const, payload: { template_type: 'button' as const, text: chunk, buttons: calls } } } : { text: chunk };
    return { message: quickReplies.length > 0 ? { ...body, quick_replies: quickReplies } : body };
  });
}

/**
 * The activity's tap-to-call actions as `phone_number` buttons (at most 3). Messenger dials only
 * E.164 numbers: a Vietnamese number becomes +84…; short codes (113, 115, 111, 1900…) cannot be
 * written so and stay in the text, which phones make tappable themselves.
 */
function callButtons(activity: Partial<Activity>): MessengerCallTemplate['payload']['buttons'] {
  return callActionsOf(activity)
    .map((call) => ({ title: call.title, local: normalizePhoneNumber(call.number) }))
    .filter((call): call is { title: string; local: string } => call.local !== undefined)
    .slice(0, MESSENGER_CALL_BUTTON_LIMIT)
    .map((call) => ({ type: 'phone_number', title: shortenTitle(call.title, MESSENGER_QUICK_REPLY_TITLE_LIMIT), payload: `+84${call.local.slice(1)}` }));
}
