import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Locale } from '../i18n.js';
import { setTurnLocale } from './turnLocale.js';
import type { UserProfile } from './UserProfile.js';

/**
 * Sets the turn's locale from the user's remembered choice, else the service default. The channel's
 * own locale is ignored on purpose: the Emulator and many phones say "en-US" for Vietnamese users.
 */
export function localeMiddleware(profile: StatePropertyAccessor<UserProfile>, defaultLocale: Locale): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const stored = await profile.get(context, {});
      setTurnLocale(context, stored.locale ?? defaultLocale);
      await next();
    },
  };
}
