import { ActivityHandler, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';

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
  ) {
    super();
    this.onMessage(async (context, next) => {
      await runDialog(this.rootDialog, context, this.states.dialogState);
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (only when they changed). */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.states.conversationState.saveChanges(context, false);
    await this.states.userState.saveChanges(context, false);
  }
}
