import type { StatePropertyAccessor, UserState } from 'botbuilder';
import type { Locale } from '../i18n.js';

/**
 * What the bot remembers about a user across conversations. Nothing identifying: a language and
 * whether the bot has already said it is automated.
 */
export interface UserProfile {
  locale?: Locale;
  /** The bot has told this user it is an automated assistant (Meta requires it on first contact). */
  disclosed?: boolean;
}

/** The UserState property holding {@link UserProfile}. */
export function createUserProfileAccessor(userState: UserState): StatePropertyAccessor<UserProfile> {
  return userState.createProperty<UserProfile>('profile');
}
