import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Texts } from '../../src/i18n.js';
import { DONE_ID, SKIP_ID, doneChoice, skipChoice } from './choices.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from './PickPrompt.js';

/** Where the messages go and what the person is told. */
export interface CollectMessagesSettings {
  readonly texts: Texts;
  /** i18n key of the first question. */
  readonly promptKey: string;
  /** i18n key of the question after each message ("noted, write more or tap Done"). */
  readonly nextKey: string;
  /** Keeps one message, as soon as it arrives (so nothing is lost if the person must stop). */
  readonly save: (context: TurnContext, text: string, target: string | undefined) => Promise<void>;
}

/** Options a caller begins the dialog with. */
export interface CollectMessagesOptions {
  /** Passed to `save` (e.g. the report code the messages are added to). */
  readonly target?: string;
  /** Messages kept so far (set by the dialog itself as it loops). */
  readonly count?: number;
}

/**
 * Takes several messages until the person says they are done ("Xong"), or skips when they want
 * to write nothing. Ends with the number of messages kept.
 */
export class CollectMessagesDialog extends ComponentDialog {
  private readonly loopId: string;

  constructor(
    id: string,
    private readonly settings: CollectMessagesSettings,
  ) {
    super(id);
    this.loopId = `${id}.loop`;
    this.addDialog(new PickPrompt());
    this.addDialog(new WaterfallDialog(this.loopId, [this.ask.bind(this), this.keep.bind(this)]));
    this.initialDialogId = this.loopId;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { texts } = this.settings;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    const count = (step.options as CollectMessagesOptions).count ?? 0;
    // One button: "skip" before the first message, "done" after; either word ends the list.
    const [finish, other] = count === 0 ? [skipChoice(texts, locale), doneChoice(texts, locale)] : [doneChoice(texts, locale), skipChoice(texts, locale)];
    const choices = [{ ...finish, synonyms: [...(finish.synonyms ?? []), other.label, ...(other.synonyms ?? [])] }];
    return step.prompt(PICK_PROMPT, pickOptions(t(count === 0 ? this.settings.promptKey : this.settings.nextKey), choices, { retry: t('pickRetry'), freeText: true }));
  }

  private async keep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as CollectMessagesOptions;
    const count = options.count ?? 0;
    const picked = step.result as Picked;
    if (picked.id === DONE_ID || picked.id === SKIP_ID || picked.text === undefined) return step.endDialog(count);
    await this.settings.save(step.context, picked.text, options.target);
    return step.replaceDialog(this.loopId, { ...options, count: count + 1 } satisfies CollectMessagesOptions);
  }
}

/** True when the dialog waiting for an answer, however deep, is collecting messages. */
export function isCollectingMessages(dc: DialogContext): boolean {
  for (let current: DialogContext | undefined = dc; current?.activeDialog; current = current.child) {
    if (current.findDialog(current.activeDialog.id) instanceof CollectMessagesDialog) return true;
  }
  return false;
}
