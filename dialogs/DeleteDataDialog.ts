import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnLocale } from '../src/bot/turnLocale.js';
import type { SecretBox } from '../src/crypto/SecretBox.js';
import type { Texts } from '../src/i18n.js';
import type { PersonalDataEraser } from '../src/privacy/PersonalDataEraser.js';
import { personOf } from '../src/privacy/personOf.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from './shared/PickPrompt.js';

/** Id of the {@link DeleteDataDialog}. */
export const DELETE_DATA_DIALOG = 'deleteData';
const STEPS = 'deleteData.steps';
const CONFIRM = 'deleteData.confirm';
const KEEP = 'deleteData.keep';

/** Services the deletion dialog uses. */
export interface DeleteDataDialogServices {
  readonly texts: Texts;
  readonly secretBox: SecretBox;
  readonly eraser: PersonalDataEraser;
}

/**
 * "xóa dữ liệu": says exactly what will be deleted and what is kept, asks to confirm, then runs
 * every registered eraser. Begun on top of whatever was going on: "no" returns to it; "yes" ends
 * every dialog, since the state that held them is gone.
 */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly services: DeleteDataDialogServices) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new PickPrompt());
    this.addDialog(new WaterfallDialog(STEPS, [this.confirm.bind(this), this.act.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = this.services.texts.t(turnLocale(step.context));
    const choices = [
      { id: CONFIRM, label: t('privacy:delete.yes') },
      { id: KEEP, label: t('privacy:delete.no') },
    ];
    return step.prompt(PICK_PROMPT, pickOptions(t('privacy:delete.confirm'), choices, { retry: t('pickRetry') }));
  }

  private async act(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = this.services.texts.t(turnLocale(context));
    if ((step.result as Picked).id !== CONFIRM) {
      await context.sendActivity(t('privacy:delete.kept'));
      return step.endDialog();
    }
    const { failed } = await this.services.eraser.eraseAll({ person: personOf(context, this.services.secretBox), context });
    await context.sendActivity(t(failed.length > 0 ? 'privacy:delete.failed' : 'privacy:delete.done'));
    // The dialog stack was part of the erased state: end it rather than resume anything.
    return step.cancelAllDialogs(true);
  }
}
