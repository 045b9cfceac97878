import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { MenuEntryOptions } from '../src/bot/MenuRegistry.js';
import { turnLocale } from '../src/bot/turnLocale.js';
import type { Texts } from '../src/i18n.js';
import { findReferenceCode } from '../src/reports/referenceCode.js';
import type { ReportService } from '../src/reports/ReportService.js';
import { skipChoice } from './shared/choices.js';
import { CollectMessagesDialog } from './shared/CollectMessagesDialog.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from './shared/PickPrompt.js';

/** Id of the {@link LookupDialog}. */
export const LOOKUP_DIALOG = 'lookup';
const STEPS = 'lookup.steps';
const ADD_DIALOG = 'lookup.add';
const ADD = 'lookup.more.add';
const NO_MORE = 'lookup.more.no';
/** Wrong or unknown codes before the dialog gives up (a code is 8 characters; typos happen). */
const MAX_ATTEMPTS = 3;

interface LookupOptions extends MenuEntryOptions {
  readonly attempts?: number;
}

/** Services the lookup uses. */
export interface LookupDialogServices {
  readonly texts: Texts;
  readonly reports: ReportService;
}

/**
 * "tra cứu <code>": the status of a report in plain words, and the chance to add information to
 * it. Only the status is shown, never the contents: whoever holds the phone may not be the reporter.
 */
export class LookupDialog extends ComponentDialog {
  constructor(private readonly services: LookupDialogServices) {
    super(LOOKUP_DIALOG);
    this.addDialog(new PickPrompt());
    this.addDialog(
      new CollectMessagesDialog(ADD_DIALOG, {
        texts: services.texts,
        promptKey: 'lookup:addAsk',
        nextKey: 'lookup:addNext',
        save: async (context, text, code) => {
          await services.reports.addInformation(code ?? '', text);
        },
      }),
    );
    this.addDialog(new WaterfallDialog(STEPS, [this.askCode.bind(this), this.show.bind(this), this.takeMore.bind(this), this.thank.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as LookupOptions;
    // The message that opened the lookup may carry the code ("tra cứu K7M2QX9P").
    const code = options.attempts === undefined ? findReferenceCode(options.utterance ?? '') : undefined;
    if (code) return step.next({ text: code } satisfies Picked);
    const { texts } = this.services;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    return step.prompt(PICK_PROMPT, pickOptions(t('lookup:ask'), [skipChoice(texts, locale, t('lookup:back'))], { retry: t('pickRetry'), freeText: true }));
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = step.result as Picked;
    if (picked.text === undefined) return step.endDialog();
    const t = this.services.texts.t(turnLocale(step.context));
    const code = findReferenceCode(picked.text);
    const status = code ? await this.services.reports.statusByCode(code) : undefined;
    if (!code || !status) {
      await step.context.sendActivity(code ? t('lookup:notFound', { code }) : t('lookup:invalid'));
      const attempts = ((step.options as LookupOptions | undefined)?.attempts ?? 0) + 1;
      if (attempts >= MAX_ATTEMPTS) {
        await step.context.sendActivity(t('lookup:giveUp'));
        return step.endDialog();
      }
      return step.replaceDialog(STEPS, { attempts } satisfies LookupOptions);
    }
    (step.values as { code?: string }).code = code;
    await step.context.sendActivity(t(`lookup:status.${status}`, { code }));
    const choices = [
      { id: ADD, label: t('lookup:add') },
      { id: NO_MORE, label: t('lookup:noMore') },
    ];
    return step.prompt(PICK_PROMPT, pickOptions(t('lookup:more'), choices, { retry: t('pickRetry') }));
  }

  private async takeMore(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as Picked).id !== ADD) return step.endDialog();
    return step.beginDialog(ADD_DIALOG, { target: (step.values as { code?: string }).code });
  }

  private async thank(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as number) > 0) await step.context.sendActivity(this.services.texts.t(turnLocale(step.context))('lookup:added'));
    return step.endDialog();
  }
}
