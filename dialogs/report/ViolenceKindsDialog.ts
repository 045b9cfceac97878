import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Texts } from '../../src/i18n.js';
import type { ReportDrafts } from '../../src/reports/ReportDrafts.js';
import { VIOLENCE_KINDS, type ViolenceKind } from '../../src/reports/reportTypes.js';
import { DONE_ID, SKIP_ID, doneChoice, skipChoice } from '../shared/choices.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from '../shared/PickPrompt.js';

/** Id of the {@link ViolenceKindsDialog}. */
export const VIOLENCE_KINDS_DIALOG = 'report.kinds';
const LOOP = 'report.kinds.loop';

/** Button payload of a kind of violence, e.g. `report.kind.physical`. */
export const kindChoiceId = (kind: ViolenceKind) => `report.kind.${kind}`;

/**
 * "What happened": one kind per tap, as many as apply, until "Xong". Each pick goes into the
 * report draft at once and the question comes back with the kinds not yet chosen.
 */
export class ViolenceKindsDialog extends ComponentDialog {
  constructor(private readonly services: { texts: Texts; drafts: ReportDrafts }) {
    super(VIOLENCE_KINDS_DIALOG);
    this.addDialog(new PickPrompt());
    this.addDialog(new WaterfallDialog(LOOP, [this.ask.bind(this), this.keep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { texts, drafts } = this.services;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    const { kinds } = await drafts.get(step.context);
    const remaining = VIOLENCE_KINDS.filter((kind) => !kinds.includes(kind));
    if (remaining.length === 0) return step.endDialog();
    const last = kinds.at(-1);
    const question = last ? t('report:kinds.next', { kind: t(`report:kinds.name.${last}`) }) : t('report:kinds.ask');
    const choices = [
      ...remaining.map((kind) => ({ id: kindChoiceId(kind), label: t(`report:kinds.label.${kind}`) })),
      last ? doneChoice(texts, locale) : skipChoice(texts, locale),
    ];
    return step.prompt(PICK_PROMPT, pickOptions(question, choices, { retry: t('pickRetry') }));
  }

  private async keep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = step.result as Picked;
    if (picked.id === DONE_ID || picked.id === SKIP_ID) return step.endDialog();
    const kind = VIOLENCE_KINDS.find((candidate) => kindChoiceId(candidate) === picked.id);
    if (kind) {
      const { kinds } = await this.services.drafts.get(step.context);
      await this.services.drafts.update(step.context, { kinds: [...kinds, kind] });
    }
    return step.replaceDialog(LOOP);
  }
}
