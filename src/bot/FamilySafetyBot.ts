import { ActivityHandler, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Texts } from '../i18n.js';
import { saveStates } from '../store/optimisticState.js';
import { turnLocale } from './turnLocale.js';
import { STICKER_CONTENT_TYPE } from './wellKnownPayloads.js';

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
  /**
   * The root dialog's set, built once. The turn continues or begins the root dialog itself rather
   * than through botbuilder's `runDialog`, which per turn also builds a new set, loads and saves
   * every memory scope of adaptive dialogs (ours use none) and sends a state snapshot as a trace
   * activity through the whole send pipeline (for skills and the Emulator; we are neither).
   */
  private readonly dialogs: DialogSet;

  constructor(
    private readonly states: BotStates,
    private readonly rootDialog: Dialog,
    private readonly texts: Texts,
  ) {
    super();
    this.dialogs = new DialogSet(states.dialogState).add(rootDialog);
    this.onMessage(async (context, next) => {
      const { text, attachments } = context.activity;
      if (!text?.trim() && attachments?.length) {
        // A photo, voice note, file or location: acknowledged kindly, and the open question stays
        // open. A sticker (a "like", mostly) is a nod, not a file: "I cannot see pictures" would
        // answer something the person did not ask.
        const onlyStickers = attachments.every((attachment) => attachment.contentType === STICKER_CONTENT_TYPE);
        await context.sendActivity(this.texts.t(turnLocale(context))(onlyStickers ? 'stickerReceived' : 'attachmentReceived'));
      } else {
        const dialogContext = await this.dialogs.createContext(context);
        const result = await dialogContext.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.rootDialog.id);
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
