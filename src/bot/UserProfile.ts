import type { StatePropertyAccessor, UserState } from 'botbuilder';
import type { Locale } from '../i18n.js';

/**
 * What the bot remembers about a user across conversations. Nothing identifying: a language,
 * whether the bot has already said it is automated, and an area if the person chose to give one.
 * "xóa dữ liệu" deletes all of it.
 */
export interface UserProfile {
  locale?: Locale;
  /** The bot has told this user it is an automated assistant (Meta requires it on first contact). */
  disclosed?: boolean;
  /**
   * The person's area (an AreaCatalog code), when a feature such as "find help near me" keeps it:
   * the danger interrupt then names the nearest trusted address even outside a report.
   */
  areaCode?: string;
}

/** The UserState property holding {@link UserProfile}. */
export function createUserProfileAccessor(userState: UserState): StatePropertyAccessor<UserProfile> {
  return userState.createProperty<UserProfile>('profile');
}
