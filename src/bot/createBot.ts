import type { Middleware } from 'botbuilder';
import { HANDOFF_MENU_ID, HANDOFF_REQUEST_PAYLOAD, HandoffDialog } from '../../dialogs/HandoffDialog.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { handoffGate } from '../handoff/handoffGate.js';
import type { HandoffService } from '../handoff/HandoffService.js';
import type { Locale } from '../i18n.js';
import type { Services } from '../services.js';
import type { OptimisticConversationState, OptimisticUserState } from '../store/optimisticState.js';
import { botPauseMiddleware, type BotPause } from './BotPause.js';
import { dangerInterruptMiddleware } from './dangerInterruptMiddleware.js';
import { FamilySafetyBot } from './FamilySafetyBot.js';
import { localeMiddleware } from './localeMiddleware.js';
import { preloadTurnMiddleware } from './preloadTurnMiddleware.js';
import type { MenuRegistry } from './MenuRegistry.js';

/** Everything a channel adapter needs to run the bot. */
export interface BotRuntime {
  readonly bot: FamilySafetyBot;
  readonly conversationState: OptimisticConversationState;
  readonly userState: OptimisticUserState;
  readonly rootDialog: MainDialog;
  /** The main menu with every feature registered (tests derive the expected buttons from it). */
  readonly menu: MenuRegistry;
  /** Middleware every adapter installs, in order. */
  readonly middleware: readonly Middleware[];
}

/** Human handoff, when the service offers it. */
export interface BotHandoff {
  readonly service: HandoffService;
  /** The pseudonymous person id of a platform user (ChannelUsers.idFor). */
  readonly identify: (channel: string, platformUserId: string) => string;
}

/**
 * Builds the bot on the services' state: the one place the root dialog and the middleware are
 * wired, shared by every channel and by the tests.
 *
 * Order matters: the states are read first (in one go, with the pauses' lookups), then locale (everyone hears their own
 * language), then the danger interrupt (emergency numbers even while a counselor has the
 * conversation), then the pauses that keep the bot silent for a person (a counselor's handoff, an
 * OA admin answering by hand), then features' middleware (club referrals and RSVP).
 */
export function createBot(deps: {
  services: Services;
  menu: MenuRegistry;
  defaultLocale: Locale;
  handoff?: BotHandoff;
  /** Other reasons the bot stays silent for a person, after the handoff gate. */
  pauses?: readonly BotPause[];
  /** Features' turn middleware, run after the pauses. */
  middleware?: readonly Middleware[];
}): BotRuntime {
  const { services } = deps;
  const { texts } = services;
  const { conversationState, userState, profile } = services.states;
  if (deps.handoff) {
    deps.menu.register({
      id: HANDOFF_MENU_ID,
      labelKey: 'handoff:menuLabel',
      triggersKey: 'handoff:triggers',
      anywhere: true,
      aliases: [HANDOFF_REQUEST_PAYLOAD],
      dialog: new HandoffDialog({ texts, handoff: deps.handoff.service }),
    });
  }
  const rootDialog = new MainDialog({ texts, profile, menu: deps.menu, secretBox: services.secretBox, eraser: services.eraser });
  const bot = new FamilySafetyBot({ conversationState, userState, dialogState: conversationState.createProperty('dialogState') }, rootDialog, texts);
  const pauses: BotPause[] = [];
  if (deps.handoff) pauses.push(handoffGate({ ...deps.handoff, texts, profile, userState, conversationState, reports: services.reports }));
  pauses.push(...(deps.pauses ?? []));
  const middleware: Middleware[] = [
    preloadTurnMiddleware([conversationState, userState], pauses),
    localeMiddleware(profile, deps.defaultLocale),
    dangerInterruptMiddleware({ detector: services.dangerDetector, responder: services.safety, conversationState, logger: services.logger, handoff: Boolean(deps.handoff) }),
    botPauseMiddleware(pauses),
    ...(deps.middleware ?? []),
  ];
  return { bot, conversationState, userState, rootDialog, menu: deps.menu, middleware };
}
