import { ActionTypes, type Activity } from 'botbuilder';
import { callActionsOf } from '../callActions.js';
import { fitChoices, shortenTitle, splitText } from '../splitText.js';
import type { ZaloButton, ZaloOutgoingMessage } from './zaloSchemas.js';

/** Consultation message limits (developers.zalo.me, "Gửi tin Tư vấn"): text 2,000 characters. */
export const ZALO_TEXT_LIMIT = 2000;
/** At most 5 buttons on a message, titles up to 100 characters, payloads up to 1,000. */
export const ZALO_BUTTON_LIMIT = 5;
export const ZALO_BUTTON_TITLE_LIMIT = 100;
export const ZALO_BUTTON_PAYLOAD_LIMIT = 1000;

/**
 * An outgoing activity as consultation messages: the text split at sentence boundaries into
 * messages of at most 2,000 characters, suggested actions as `oa.query.hide` buttons on the last
 * one (the tap comes back as the payload, hidden from the chat). With more choices than 5, all of
 * them are also listed by number (the person can answer with the number) and the first 5 stay
 * buttons. Links (openUrl) are not choices: they have no place among the buttons. Call actions
 * (the directory's tap-to-call) become `oa.open.phone` buttons, ahead of the choices.
 */
export function convertActivityToZaloMessages(activity: Partial<Activity>): ZaloOutgoingMessage[] {
  const actions = (activity.suggestedActions?.actions ?? []).filter((action) => action.type !== ActionTypes.OpenUrl);
  // Tap-to-call first: a number to call is why the message was sent; choices share what is left.
  const calls: ZaloButton[] = callActionsOf(activity)
    .slice(0, ZALO_BUTTON_LIMIT)
    .map((call) => ({ title: shortenTitle(call.title, ZALO_BUTTON_TITLE_LIMIT), type: 'oa.open.phone', payload: { phone_code: call.number } }));
  const fitted = fitChoices(activity.text ?? '', actions, ZALO_BUTTON_LIMIT - calls.length);
  const chunks = splitText(fitted.text, ZALO_TEXT_LIMIT);
  if (chunks.length === 0) return [];
  const buttons: ZaloButton[] = [
    ...calls,
    ...fitted.buttons.map((action): ZaloButton => ({
      title: shortenTitle(String(action.title ?? action.value), ZALO_BUTTON_TITLE_LIMIT),
      type: 'oa.query.hide',
      payload: String(action.value ?? action.title).slice(0, ZALO_BUTTON_PAYLOAD_LIMIT),
    })),
  ];
  return chunks.map((chunk, index) => ({
    message:
      index === chunks.length - 1 && buttons.length > 0
        ? { text: chunk, attachment: { type: 'template', payload: { buttons } } }
        : { text: chunk },
  }));
}
