import type { Middleware, Storage } from 'botbuilder';
import { HANDOFF_MENU_ID, HANDOFF_REQUEST_PAYLOAD, HandoffDialog } from '../../dialogs/HandoffDialog.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { handoffGate } from '../handoff/handoffGate.js';
import type { HandoffService } from '../handoff/HandoffService.js';
import type { Locale, Texts } from '../i18n.js';
import { OptimisticConversationState, OptimisticUserState } from '../store/optimisticState.js';
import { botPauseMiddleware, type BotPause } from './BotPause.js';
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

/** Human handoff, when the service offers it. */
export interface BotHandoff {
  readonly service: HandoffService;
  /** The pseudonymous person id of a platform user (ChannelUsers.idFor). */
  readonly identify: (channel: string, platformUserId: string) => string;
}

/**
 * Builds the bot and its state on a storage: the one place dialogs, state and middleware are
 * wired, shared by every channel and by the tests.
 */
export function createBot(deps: { storage: Storage; texts: Texts; menu: MenuRegistry; defaultLocale: Locale; handoff?: BotHandoff }): BotRuntime {
  const conversationState = new OptimisticConversationState(deps.storage);
  const userState = new OptimisticUserState(deps.storage);
  const profile = createUserProfileAccessor(userState);
  if (deps.handoff) {
    deps.menu.register({
      id: HANDOFF_MENU_ID,
      labelKey: 'handoff:menuLabel',
      triggersKey: 'handoff:triggers',
      anywhere: true,
      aliases: [HANDOFF_REQUEST_PAYLOAD],
      dialog: new HandoffDialog({ texts: deps.texts, handoff: deps.handoff.service }),
    });
  }
  const rootDialog = new MainDialog({ texts: deps.texts, profile, menu: deps.menu });
  const bot = new FamilySafetyBot(
    { conversationState, userState, dialogState: conversationState.createProperty('dialogState') },
    rootDialog,
    deps.texts,
  );
  // Order matters: locale first (everyone speaks the person's language), then the safety interrupt
  // (danger must still get the emergency numbers while a counselor has the conversation), then the
  // pauses (the handoff gate), which stop the bot for people waiting for or talking to a counselor.
  // Reasons the bot stays silent for a person; a Zalo OA admin answering by hand joins this list.
  const pauses: BotPause[] = [];
  if (deps.handoff) pauses.push(handoffGate({ ...deps.handoff, texts: deps.texts, profile, userState, conversationState }));
  const middleware: Middleware[] = [localeMiddleware(profile, deps.defaultLocale), botPauseMiddleware(pauses)];
  return { bot, conversationState, userState, rootDialog, middleware };
}
