import type { ReminderBodyBuilder } from '../../reminders/ReminderBodyBuilder.js';
import { convertActivityToMessengerMessages } from './convertActivityToMessengerMessages.js';
import type { MessengerOutgoingMessage } from './messengerSchemas.js';

/** Template language codes Meta uses for our locales. */
const TEMPLATE_LANGUAGE = { vi: 'vi', en: 'en_US' } as const;

/**
 * Messenger reminder bodies: the reminder text with RSVP quick replies and, when the page has an
 * approved utility message template (`MESSENGER_REMINDER_TEMPLATE`), that template filled with
 * club, time, place and topic, for the sender to use outside the 24 hour window.
 *
 * The template is expected to take four body parameters in that order: {{1}} club, {{2}} date and
 * time, {{3}} place, {{4}} topic. Shape as in Meta's "Send a utility message" guide
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/utility-messages/):
 * `message.template` with `name`, `language.code` and `components`.
 */
export function messengerReminderBodyBuilder(templateName: string | undefined): ReminderBodyBuilder {
  return ({ activity, fields, locale }) => {
    // A reminder is short: one Send API message (at most 2,000 characters).
    const [first] = convertActivityToMessengerMessages(activity);
    const body: MessengerOutgoingMessage = { message: first?.message ?? { text: activity.text ?? '' } };
    if (templateName && fields) {
      body.utilityTemplate = {
        name: templateName,
        language: { code: TEMPLATE_LANGUAGE[locale] },
        components: [{ type: 'body', parameters: [fields.club, fields.when, fields.place, fields.topic].map((text) => ({ type: 'text', text })) }],
      };
    }
    return body;
  };
}
