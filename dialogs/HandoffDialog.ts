import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnLocale } from '../src/bot/turnLocale.js';
import { isDangerTurn } from '../src/handoff/dangerSignal.js';
import { turnPerson } from '../src/handoff/handoffGate.js';
import type { HandoffService } from '../src/handoff/HandoffService.js';
import type { Texts } from '../src/i18n.js';
import { choiceMessage, matchChoice, type Choice } from './shared/choices.js';

export const HANDOFF_DIALOG = 'handoff';
/** The main menu's entry id (a button, or a Messenger persistent-menu payload). */
export const HANDOFF_MENU_ID = 'menu.handoff';
/** The payload other features offer ("talk to a counselor" after a danger interrupt or a report). */
export const HANDOFF_REQUEST_PAYLOAD = 'handoff.request';
const STEPS = 'handoff.steps';
const CONFIRM_PROMPT = 'handoff.confirm';
const YES = 'handoff.yes';
const NO = 'handoff.no';

/**
 * "Talk to a counselor": a tapped button or payload queues the person at once; typed words
 * ("gặp tư vấn viên") are confirmed first, since they may be a question about counselors. Once
 * queued, the dialog stack is emptied: the handoff gate keeps the bot silent from the next turn.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly services: { texts: Texts; handoff: HandoffService }) {
    super(HANDOFF_DIALOG);
    this.addDialog(new TextPrompt(CONFIRM_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.confirm.bind(this), this.act.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private choices(context: TurnContext): Choice[] {
    const t = this.services.texts.t(turnLocale(context));
    return [
      { id: YES, label: t('handoff:yes'), synonyms: [...this.services.texts.listAll('commands.yes'), ...this.services.texts.listAll('handoff:triggers')] },
      { id: NO, label: t('handoff:no'), synonyms: this.services.texts.listAll('commands.no') },
    ];
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text?.trim() ?? '';
    if (text === HANDOFF_MENU_ID || text === HANDOFF_REQUEST_PAYLOAD) return step.next(YES);
    const t = this.services.texts.t(turnLocale(step.context));
    return step.prompt(CONFIRM_PROMPT, { prompt: choiceMessage(t('handoff:confirm'), this.choices(step.context)) });
  }

  private async act(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = this.services.texts.t(turnLocale(context));
    const answer = typeof step.result === 'string' ? step.result : '';
    const personId = turnPerson(context);
    if (matchChoice(answer, this.choices(context))?.id !== YES || !personId) {
      await context.sendActivity(t('handoff:declined'));
      return step.endDialog();
    }
    const result = await this.services.handoff.request({
      channel: context.activity.channelId,
      personId,
      locale: turnLocale(context),
      danger: isDangerTurn(context),
    });
    if (result.kind === 'closed_hours') await context.sendActivity(t('handoff:closedHours'));
    else if (result.kind === 'already_open') await context.sendActivity(t('handoff:alreadyQueued', { position: result.position }));
    else await context.sendActivity(t('handoff:queued', { position: result.position }));
    // Nothing of the bot's may remain open: the gate has the conversation now.
    return step.cancelAllDialogs(true);
  }
}
