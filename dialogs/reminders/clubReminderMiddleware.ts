import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { turnLocale } from '../../src/bot/turnLocale.js';
import { RSVP_PAYLOAD } from '../../src/reminders/ReminderBodyBuilder.js';
import { equalsAny } from '../../src/text/foldText.js';
import { subscribeWithConfirmation, type RemindersDialogServices } from './subscribeWithConfirmation.js';

/** m.me/<page>?ref=club-HN01 subscribes to club HN01. */
const CLUB_REF = /^club[-_](.+)$/i;

/**
 * Turn middleware for what a reminder starts outside any dialog:
 * - an RSVP (the button payload `rsvp.yes:<meeting>`, or "sẽ tham gia" / "không tham gia" typed
 *   after a reminder) is recorded, changeable, and answered; the open dialog is left as it was;
 * - an m.me `ref` link `club-<code>` subscribes the person; the confirmation is slipped in just
 *   before the menu's question, after the greeting and the automated-assistant disclosure.
 */
export function clubReminderMiddleware(services: RemindersDialogServices): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== ActivityTypes.Message) return next();
      if (await recordRsvp(services, context)) return;
      const ref = (context.activity.value as { referral?: { ref?: unknown } } | undefined)?.referral?.ref;
      const code = typeof ref === 'string' ? CLUB_REF.exec(ref.trim())?.[1] : undefined;
      const club = code ? await services.clubs.findByCode(code) : undefined;
      if (!club?.active) return next();
      let confirmation: string | undefined = await subscribeWithConfirmation(services, context, club);
      context.onSendActivities(async (_ctx, activities, send) => {
        const question = activities.findIndex((activity) => activity.suggestedActions);
        if (confirmation && question >= 0) {
          activities.splice(question, 0, { type: ActivityTypes.Message, text: confirmation } satisfies Partial<Activity>);
          confirmation = undefined;
        }
        return send();
      });
      await next();
      if (confirmation) await context.sendActivity(confirmation);
    },
  };
}

/** Records an RSVP when the message is one; true when it was handled. */
async function recordRsvp(services: RemindersDialogServices, context: TurnContext): Promise<boolean> {
  const text = context.activity.text?.trim() ?? '';
  const { texts, subscriptions, clubs, personOf } = services;
  const payload = RSVP_PAYLOAD.exec(text);
  let answer: 'yes' | 'no' | undefined;
  let meetingId: number | undefined;
  const person = personOf(context);
  const now = services.now?.() ?? new Date();
  if (payload) {
    answer = payload[1] as 'yes' | 'no';
    meetingId = Number(payload[2]);
  } else {
    answer = equalsAny(text, texts.listAll('reminders:rsvpYesWords')) ? 'yes' : equalsAny(text, texts.listAll('reminders:rsvpNoWords')) ? 'no' : undefined;
    // Typed words count only after a reminder: otherwise they belong to whatever the person is doing.
    meetingId = answer ? await subscriptions.lastRemindedMeeting(person.id, now) : undefined;
  }
  if (!answer || meetingId === undefined) return false;
  const t = texts.t(turnLocale(context));
  const found = await clubs.meetingById(meetingId);
  if (!found) return false;
  if (found.meeting.startsAt.getTime() < now.getTime() - 3 * 3_600_000) {
    await context.sendActivity(t('reminders:rsvpTooLate'));
    return true;
  }
  await subscriptions.answer(meetingId, person.id, answer);
  await context.sendActivity(t(answer === 'yes' ? 'reminders:rsvpThanksYes' : 'reminders:rsvpThanksNo'));
  return true;
}
