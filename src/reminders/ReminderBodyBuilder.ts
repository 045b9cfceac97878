import type { Activity } from 'botbuilder';
import type { Locale } from '../i18n.js';

/** The facts of a meeting one by one, as a platform template takes them. */
export interface ReminderFields {
  readonly club: string;
  readonly when: string;
  readonly place: string;
  readonly topic: string;
}

/** A reminder (or a notice about a meeting) ready to be put into a channel's words. */
export interface ReminderMessage {
  readonly locale: Locale;
  /** The message as a bot activity: a reminder's text and the two RSVP buttons (payloads `rsvp.yes:<meeting id>` / `rsvp.no:<meeting id>`), or a notice's text. */
  readonly activity: Partial<Activity>;
  /**
   * The meeting's facts for the platform's reminder template outside the messaging window. Absent
   * when the reminder template would say something false (a cancellation): then there is no
   * template and the message is `window_closed` outside the window.
   */
  readonly fields?: ReminderFields;
}

/**
 * A channel's reminder body: the platform request body (without recipient) the channel's sender
 * expects in the outbox. Inside the messaging window the sender sends it as a normal message;
 * outside it, the sender uses the template the body carries (Messenger utility message, Zalo ZNS)
 * or records `window_closed`. Register one per channel in the composition root.
 */
export type ReminderBodyBuilder = (message: ReminderMessage) => unknown;

/** The RSVP button payload of a meeting, and its parser. */
export const RSVP_PAYLOAD = /^rsvp\.(yes|no):(\d+)$/;
export function rsvpPayload(answer: 'yes' | 'no', meetingId: number): string {
  return `rsvp.${answer}:${meetingId}`;
}
