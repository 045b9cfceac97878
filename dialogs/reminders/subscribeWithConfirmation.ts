import type { TurnContext } from 'botbuilder';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Texts } from '../../src/i18n.js';
import type { Club, Clubs } from '../../src/reminders/Clubs.js';
import type { ClubSubscriptions } from '../../src/reminders/ClubSubscriptions.js';
import { describeWhen } from '../../src/reminders/describeMeeting.js';

/** The person behind a turn: the pseudonymous ChannelUser id and the channel. */
export interface TurnPerson {
  readonly id: string;
  readonly channel: string;
}

/** Services of the reminders use case (dialog and middleware), passed in by the composition root. */
export interface RemindersDialogServices {
  readonly texts: Texts;
  readonly clubs: Clubs;
  readonly subscriptions: ClubSubscriptions;
  readonly personOf: (context: TurnContext) => TurnPerson;
  readonly now?: () => Date;
  /**
   * Where reminders can reach a person outside the channel's window only by phone (Zalo ZNS): the
   * dialog offers to take a number after subscribing. Absent: never asked.
   */
  readonly reminderPhone?: ReminderPhoneBook;
}

/** The phone numbers people gave, with their consent, for reminders by template (Zalo ZNS). */
export interface ReminderPhoneBook {
  /** True on channels where a phone number lets reminders through a closed window. */
  wanted(channel: string): boolean;
  has(personId: string): Promise<boolean>;
  save(personId: string, phone: string): Promise<void>;
}

/**
 * Subscribes the turn's person to a club (by code typed in the dialog, or an m.me `ref` link) and
 * returns what to tell them: done (or already done) and the next meeting.
 */
export async function subscribeWithConfirmation(services: RemindersDialogServices, context: TurnContext, club: Club): Promise<string> {
  const locale = turnLocale(context);
  const t = services.texts.t(locale);
  const person = services.personOf(context);
  const created = await services.subscriptions.subscribe(club.id, person.id, person.channel, locale);
  const next = await services.clubs.nextMeeting(club, services.now?.() ?? new Date());
  const nextText = next ? t('reminders:next', { when: describeWhen(services.texts, locale, next.startsAt), place: next.place }) : t('reminders:noNext');
  return `${t(created ? 'reminders:subscribed' : 'reminders:alreadySubscribed', { club: club.name })}\n${nextText}`;
}
