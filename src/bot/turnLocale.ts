import type { TurnContext } from 'botbuilder';
import { type Locale } from '../i18n.js';

const LOCALE_KEY = Symbol('turnLocale');

/** Records the locale this turn speaks in (set by the locale middleware, changed by a language switch). */
export function setTurnLocale(context: TurnContext, locale: Locale): void {
  context.turnState.set(LOCALE_KEY, locale);
}

/** The locale this turn speaks in; Vietnamese when nothing set it. */
export function turnLocale(context: TurnContext): Locale {
  return (context.turnState.get(LOCALE_KEY) as Locale | undefined) ?? 'vi';
}
