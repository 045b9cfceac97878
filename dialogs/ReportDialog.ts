import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogReason,
  WaterfallDialog,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { AreaCatalog } from '../src/areas/AreaCatalog.js';
import { HANDOFF_REQUEST, type SafetyResponder } from '../src/bot/SafetyResponder.js';
import { turnLocale } from '../src/bot/turnLocale.js';
import type { SecretBox } from '../src/crypto/SecretBox.js';
import type { Locale, Texts } from '../src/i18n.js';
import { personOf } from '../src/privacy/personOf.js';
import type { ReportDraft, ReportDrafts } from '../src/reports/ReportDrafts.js';
import type { ReportService } from '../src/reports/ReportService.js';
import { AFFECTED_PERSONS, ONGOING_ANSWERS, WHEN_ANSWERS } from '../src/reports/reportTypes.js';
import type { DirectoryEntries } from '../src/directory/DirectoryEntries.js';
import { nearbyMessages } from './directory/entryMessages.js';
import { CONTACT_DIALOG, ContactDialog } from './report/ContactDialog.js';
import { VIOLENCE_KINDS_DIALOG, ViolenceKindsDialog } from './report/ViolenceKindsDialog.js';
import { AreaDialog, areaFullName } from './shared/AreaDialog.js';
import { SKIP_ID, skipChoice, type Choice } from './shared/choices.js';
import { CollectMessagesDialog } from './shared/CollectMessagesDialog.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from './shared/PickPrompt.js';

/** Id of the {@link ReportDialog}. */
export const REPORT_DIALOG = 'report';
const STEPS = 'report.steps';
const AREA_DIALOG = 'report.area';
const DESCRIPTION_DIALOG = 'report.description';

const DANGER_YES = 'report.danger.yes';
const DANGER_NO = 'report.danger.no';
const SEND = 'report.send';
const CANCEL = 'report.cancel';
/** Places listed after a report is sent: a few, so the reference code stays in view. */
const NEARBY_AFTER_REPORT = 3;
const whoId = (who: string) => `report.who.${who}`;
const whenId = (when: string) => `report.when.${when}`;
const ongoingId = (ongoing: string) => `report.ongoing.${ongoing}`;

/** Services the reporting dialog uses, passed in by the composition root. */
export interface ReportDialogServices {
  readonly texts: Texts;
  readonly secretBox: SecretBox;
  readonly areas: AreaCatalog;
  readonly drafts: ReportDrafts;
  readonly reports: ReportService;
  readonly safety: SafetyResponder;
  readonly directory: DirectoryEntries;
}

/**
 * The confidential report, step by step: danger now, who, what happened, where, when, the
 * person's own words, how (or whether) to be contacted, then confirm and send for a reference
 * code. Every question has buttons and can be skipped; nothing identifying is asked. Answers go to
 * the report draft as they come (so the danger interrupt knows the area), and the draft is thrown
 * away whenever the dialog ends: sent, cancelled, or left with "thoát" or "menu".
 */
export class ReportDialog extends ComponentDialog {
  constructor(private readonly services: ReportDialogServices) {
    super(REPORT_DIALOG);
    const { texts, areas, drafts } = services;
    this.addDialog(new PickPrompt());
    this.addDialog(new ViolenceKindsDialog({ texts, drafts }));
    this.addDialog(
      new AreaDialog(AREA_DIALOG, {
        texts,
        areas,
        onAnswer: async (context, answer) => {
          await drafts.update(context, { provinceCode: answer.provinceCode, districtCode: answer.districtCode, communeCode: answer.communeCode });
          if (answer.text) await drafts.updateSecrets(context, (secrets) => ({ ...secrets, placeText: answer.text }));
        },
      }),
    );
    this.addDialog(
      new CollectMessagesDialog(DESCRIPTION_DIALOG, {
        texts,
        promptKey: 'report:description.ask',
        nextKey: 'report:description.next',
        save: (context, text) => drafts.updateSecrets(context, (secrets) => ({ ...secrets, description: [...secrets.description, text] })),
      }),
    );
    this.addDialog(new ContactDialog({ texts, drafts }));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.askDanger.bind(this),
        this.takeDanger.bind(this),
        this.takeOffer.bind(this),
        this.askWho.bind(this),
        this.takeWho.bind(this),
        async (step) => step.beginDialog(AREA_DIALOG),
        this.askWhen.bind(this),
        this.takeWhen.bind(this),
        this.takeOngoing.bind(this),
        async (step) => step.beginDialog(CONTACT_DIALOG),
        this.confirm.bind(this),
        this.finish.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  protected override async onEndDialog(context: TurnContext, _instance: DialogInstance, _reason: DialogReason): Promise<void> {
    await this.services.drafts.clear(context);
  }

  private t(context: TurnContext) {
    return this.services.texts.t(turnLocale(context));
  }

  /** A question with its buttons and "skip". */
  private ask(step: WaterfallStepContext, questionKey: string, choices: readonly Choice[]): Promise<DialogTurnResult> {
    const locale = turnLocale(step.context);
    const t = this.services.texts.t(locale);
    return step.prompt(PICK_PROMPT, pickOptions(t(questionKey), [...choices, skipChoice(this.services.texts, locale)], { retry: t('pickRetry') }));
  }

  private options(context: TurnContext, prefix: string, values: readonly string[], id: (value: string) => string): Choice[] {
    const t = this.t(context);
    return values.map((value) => ({ id: id(value), label: t(`report:${prefix}.${value}`) }));
  }

  private async askDanger(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.services.drafts.clear(step.context);
    await step.context.sendActivity(this.t(step.context)('report:intro'));
    const t = this.t(step.context);
    return this.ask(step, 'report:danger.ask', [
      { id: DANGER_YES, label: t('report:danger.yes') },
      { id: DANGER_NO, label: t('report:danger.no') },
    ]);
  }

  /** "Yes" is the danger interrupt inside the form: the numbers first, then the offer of a counselor. */
  private async takeDanger(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { id } = step.result as Picked;
    if (id === SKIP_ID) return step.next();
    const dangerNow = id === DANGER_YES;
    await this.services.drafts.update(step.context, { dangerNow });
    if (!dangerNow) return step.next();
    const { safety } = this.services;
    const locale = turnLocale(step.context);
    await step.context.sendActivity(await safety.emergencyMessage(step.context));
    return step.prompt(PICK_PROMPT, pickOptions(safety.offerText(locale), safety.offerChoices(locale), { retry: this.t(step.context)('pickRetry') }));
  }

  private async takeOffer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as Picked | undefined)?.id === HANDOFF_REQUEST) {
      await this.services.safety.requestCounselor(step.context, { priority: 'urgent', reason: 'report' });
    }
    return step.next();
  }

  private async askWho(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.ask(step, 'report:who.ask', this.options(step.context, 'who', AFFECTED_PERSONS, whoId));
  }

  private async takeWho(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const affected = AFFECTED_PERSONS.find((who) => whoId(who) === (step.result as Picked).id);
    if (affected) await this.services.drafts.update(step.context, { affected });
    return step.beginDialog(VIOLENCE_KINDS_DIALOG);
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.ask(step, 'report:when.ask', this.options(step.context, 'when', WHEN_ANSWERS, whenId));
  }

  private async takeWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const when = WHEN_ANSWERS.find((value) => whenId(value) === (step.result as Picked).id);
    await this.services.drafts.update(step.context, { when });
    // Happening right now is still going on; asking would sound careless.
    if (when === 'now') return step.next();
    return this.ask(step, 'report:ongoing.ask', this.options(step.context, 'ongoing', ONGOING_ANSWERS, ongoingId));
  }

  private async takeOngoing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ongoing = ONGOING_ANSWERS.find((value) => ongoingId(value) === (step.result as Picked | undefined)?.id);
    if (ongoing) await this.services.drafts.update(step.context, { ongoing });
    return step.beginDialog(DESCRIPTION_DIALOG);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = this.t(step.context);
    const draft = await this.services.drafts.get(step.context);
    const { description, placeText } = await this.services.drafts.secrets(step.context);
    const summary = this.summary(turnLocale(step.context), draft, placeText, description.length);
    const choices = [
      { id: SEND, label: t('report:confirm.send') },
      { id: CANCEL, label: t('report:confirm.cancel') },
    ];
    return step.prompt(PICK_PROMPT, pickOptions(t('report:confirm.ask', { summary }), choices, { retry: t('pickRetry') }));
  }

  private summary(locale: Locale, draft: ReportDraft, placeText: string | undefined, messages: number): string {
    const { texts, areas } = this.services;
    const t = texts.t(locale);
    const notSaid = t('report:confirm.notSaid');
    const place = [draft.communeCode, draft.districtCode, draft.provinceCode]
      .map((code) => (code ? areas.get(code) : undefined))
      .filter((area) => area !== undefined)
      .map((area) => areaFullName(texts, locale, area));
    if (placeText) place.push(placeText);
    const when = [draft.when && t(`report:when.${draft.when}`), draft.ongoing && t(`report:confirm.ongoing.${draft.ongoing}`)].filter(Boolean);
    const lines = [
      t('report:confirm.line.danger', { value: draft.dangerNow === undefined ? notSaid : t(draft.dangerNow ? 'report:danger.yes' : 'report:danger.no') }),
      t('report:confirm.line.who', { value: draft.affected ? t(`report:who.${draft.affected}`) : notSaid }),
      t('report:confirm.line.kinds', { value: draft.kinds.length > 0 ? draft.kinds.map((kind) => t(`report:kinds.name.${kind}`)).join('; ') : notSaid }),
      t('report:confirm.line.place', { value: place.length > 0 ? place.join(', ') : notSaid }),
      t('report:confirm.line.when', { value: when.length > 0 ? when.join(', ') : notSaid }),
      t('report:confirm.line.description', { count: messages }),
      t('report:confirm.line.contact', { value: t(`report:confirm.contact.${draft.contactVia ?? 'none'}`) }),
    ];
    return lines.join('\n');
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = this.t(context);
    if ((step.result as Picked).id !== SEND) {
      await context.sendActivity(t('report:cancelled'));
      return step.endDialog();
    }
    const { drafts, reports, secretBox } = this.services;
    const submission = await drafts.toSubmission(context, personOf(context, secretBox));
    const { code } = await reports.submit(submission);
    // Where the person said it happened, the nearest places that help, each one tap from a call.
    const { place } = submission;
    const areaCode = place.communeCode ?? place.districtCode ?? place.provinceCode;
    const nearby = areaCode ? await nearbyMessages(this.services.texts, turnLocale(context), this.services.directory, areaCode, NEARBY_AFTER_REPORT) : [];
    await context.sendActivities([
      { type: ActivityTypes.Message, text: t('report:sent.thanks') },
      { type: ActivityTypes.Message, text: code },
      { type: ActivityTypes.Message, text: t(`report:sent.next.${submission.contact.via}`, { code }) },
      ...(nearby.length > 0 ? [{ type: ActivityTypes.Message, text: t('directory:afterReport') }, ...nearby] : []),
    ]);
    return step.endDialog();
  }
}
