import type { Middleware, Storage } from 'botbuilder';
import { MainDialog } from '../../dialogs/MainDialog.js';
import type { Locale, Texts } from '../i18n.js';
import { OptimisticConversationState, OptimisticUserState } from '../store/optimisticState.js';
import { FamilySafetyBot } from './FamilySafetyBot.js';
import { localeMiddleware } from './localeMiddleware.js';
import type { MenuRegistry } from './MenuRegistry.js';
import { createUserProfileAccessor } from './UserProfile.js';

/** Everything a channel adapter needs to run the bot. */
export interface BotRuntime {
  readonly bot: FamilySafetyBot;
  readonly conversationState: OptimisticConversationState;
  readonly userState: OptimisticUserState;
  readonly rootDialog: MainDialog;
  /** Middleware every adapter installs, in order. */
  readonly middleware: readonly Middleware[];
}

/**
 * Builds the bot and its state on a storage: the one place dialogs, state and middleware are
 * wired, shared by every channel and by the tests.
 * @param deps.middleware - features' turn middleware, run after the locale is set.
 */
export function createBot(deps: { storage: Storage; texts: Texts; menu: MenuRegistry; defaultLocale: Locale; middleware?: readonly Middleware[] }): BotRuntime {
  const conversationState = new OptimisticConversationState(deps.storage);
  const userState = new OptimisticUserState(deps.storage);
  const profile = createUserProfileAccessor(userState);
  const rootDialog = new MainDialog({ texts: deps.texts, profile, menu: deps.menu });
  const bot = new FamilySafetyBot(
    { conversationState, userState, dialogState: conversationState.createProperty('dialogState') },
    rootDialog,
    deps.texts,
  );
  return { bot, conversationState, userState, rootDialog, middleware: [localeMiddleware(profile, deps.defaultLocale), ...(deps.middleware ?? [])] };
}
