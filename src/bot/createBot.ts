import type { Middleware } from 'botbuilder';
import { MainDialog } from '../../dialogs/MainDialog.js';
import type { Locale } from '../i18n.js';
import type { Services } from '../services.js';
import type { OptimisticConversationState, OptimisticUserState } from '../store/optimisticState.js';
import { dangerInterruptMiddleware } from './dangerInterruptMiddleware.js';
import { FamilySafetyBot } from './FamilySafetyBot.js';
import { localeMiddleware } from './localeMiddleware.js';
import type { MenuRegistry } from './MenuRegistry.js';

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
 * Builds the bot on the services' state: the one place the root dialog and the middleware are
 * wired, shared by every channel and by the tests. The locale is set first (the danger interrupt
 * answers in the person's language), then the danger interrupt runs before any dialog.
 */
export function createBot(deps: {
  services: Services;
  menu: MenuRegistry;
  defaultLocale: Locale;
  /** Middleware that may stop the bot for a person (a human is answering), run after the danger interrupt. */
  gates?: readonly Middleware[];
  /** Features' turn middleware, run after the gates. */
  middleware?: readonly Middleware[];
}): BotRuntime {
  const { services } = deps;
  const { conversationState, userState, profile } = services.states;
  const rootDialog = new MainDialog({ texts: services.texts, profile, menu: deps.menu, secretBox: services.secretBox, eraser: services.eraser });
  const bot = new FamilySafetyBot(
    { conversationState, userState, dialogState: conversationState.createProperty('dialogState') },
    rootDialog,
    services.texts,
  );
  const middleware: Middleware[] = [
    localeMiddleware(profile, deps.defaultLocale),
    dangerInterruptMiddleware({ detector: services.dangerDetector, responder: services.safety, conversationState, logger: services.logger }),
    ...(deps.gates ?? []),
    ...(deps.middleware ?? []),
  ];
  return { bot, conversationState, userState, rootDialog, middleware };
}
