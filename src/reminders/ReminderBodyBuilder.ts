import type { Activity } from 'botbuilder';
import type { Locale } from '../i18n.js';

/** A reminder ready to be put into a channel's words. */
export interface ReminderMessage {
  readonly locale: Locale;
  /** The reminder as a bot activity: text and the two RSVP buttons (payloads `rsvp.yes:<meeting id>` / `rsvp.no:<meeting id>`). */
  readonly activity: Partial<Activity>;
  /** The same facts one by one, for platform templates sent outside the messaging window. */
  readonly fields: { readonly club: string; readonly when: string; readonly place: string; readonly topic: string };
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
