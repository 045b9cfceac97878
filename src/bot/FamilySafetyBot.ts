import { ActivityHandler, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Texts } from '../i18n.js';
import { saveStates } from '../store/optimisticState.js';
import { turnLocale } from './turnLocale.js';

/** The states the bot loads and saves around every turn. */
export interface BotStates {
  readonly conversationState: BotState;
  readonly userState: BotState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
}

/**
 * The one bot every channel runs: message activities drive the root dialog; state is saved once
 * at the end of the turn. Middleware (locale, safety, handoff) is added to the adapters, not here.
 */
export class FamilySafetyBot extends ActivityHandler {
  constructor(
    private readonly states: BotStates,
    private readonly rootDialog: Dialog,
    private readonly texts: Texts,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const { text, attachments } = context.activity;
      if (!text?.trim() && attachments?.length) {
        // A photo, voice note, file or location: acknowledged kindly, and the open question stays open.
        await context.sendActivity(this.texts.t(turnLocale(context))('attachmentReceived'));
      } else {
        await runDialog(this.rootDialog, context, this.states.dialogState);
      }
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (those that changed, in one write). */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await saveStates(context, [this.states.conversationState, this.states.userState]);
  }
}
