import type { ReminderBodyBuilder } from '../../reminders/ReminderBodyBuilder.js';
import { convertActivityToZaloMessages } from './convertActivityToZaloMessages.js';
import type { ZaloOutgoingMessage } from './zaloSchemas.js';

/**
 * Zalo reminder bodies: the reminder as a consultation message with RSVP buttons and, when the OA
 * has an approved ZNS template (`ZALO_ZNS_TEMPLATE_ID`), that template's data, for the sender to
 * use outside the 7-day consultation window.
 *
 * The template is expected to declare four parameters: `club_name`, `meeting_time`, `place`,
 * `topic`. ZNS templates are registered in one language, so `template_data` is the same facts
 * whatever language the person reads.
 */
export function zaloReminderBodyBuilder(templateId: string | undefined): ReminderBodyBuilder {
  return ({ activity, fields }) => {
    // A reminder is short: one consultation message (at most 2,000 characters).
    const [first] = convertActivityToZaloMessages(activity);
    const body: ZaloOutgoingMessage = { message: first?.message ?? { text: activity.text ?? '' } };
    if (templateId && fields) {
      body.zns = { template_id: templateId, template_data: { club_name: fields.club, meeting_time: fields.when, place: fields.place, topic: fields.topic } };
    }
    return body;
  };
}
