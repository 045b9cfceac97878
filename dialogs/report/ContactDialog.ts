import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Texts } from '../../src/i18n.js';
import { normalizePhoneNumber } from '../../src/reports/phoneNumber.js';
import type { ReportDrafts } from '../../src/reports/ReportDrafts.js';
import { SKIP_ID, skipChoice } from '../shared/choices.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from '../shared/PickPrompt.js';
import { isPhoneOrSkip } from '../shared/isPhoneOrSkip.js';

/** Id of the {@link ContactDialog}. */
export const CONTACT_DIALOG = 'report.contact';
const STEPS = 'report.contact.steps';
const PHONE_PROMPT = 'report.contact.phonePrompt';

const CONTACT_NONE = 'report.contact.none';
const CONTACT_PHONE = 'report.contact.phone';
const CONTACT_CHAT = 'report.contact.chat';
const HOURS = ['morning', 'afternoon', 'evening', 'any'] as const;

/**
 * "Contact": no contact at all (the default when skipped), a call back at safe hours, or only
 * through this chat. Says plainly who sees the report before asking. Nothing identifying is asked
 * unless the person chooses a call back, and then only a number and hours.
 */
export class ContactDialog extends ComponentDialog {
  constructor(private readonly services: { texts: Texts; drafts: ReportDrafts }) {
    super(CONTACT_DIALOG);
    this.addDialog(new PickPrompt());
    this.addDialog(new PickPrompt(PHONE_PROMPT, isPhoneOrSkip));
    this.addDialog(new WaterfallDialog(STEPS, [this.askWay.bind(this), this.takeWay.bind(this), this.takePhone.bind(this), this.takeHours.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askWay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { texts } = this.services;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    const choices = [
      { id: CONTACT_NONE, label: t('report:contact.none') },
      { id: CONTACT_PHONE, label: t('report:contact.phone') },
      { id: CONTACT_CHAT, label: t('report:contact.chat') },
      skipChoice(texts, locale),
    ];
    return step.prompt(PICK_PROMPT, pickOptions(t('report:contact.ask'), choices, { retry: t('pickRetry') }));
  }

  private async takeWay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { texts, drafts } = this.services;
    const locale = turnLocale(step.context);
    const picked = step.result as Picked;
    if (picked.id !== CONTACT_PHONE) {
      await drafts.update(step.context, { contactVia: picked.id === CONTACT_CHAT ? 'chat' : 'none' });
      return step.endDialog();
    }
    const t = texts.t(locale);
    return step.prompt(PHONE_PROMPT, pickOptions(t('report:contact.phoneAsk'), [skipChoice(texts, locale)], { retry: t('report:contact.phoneInvalid'), freeText: true }));
  }

  private async takePhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { texts, drafts } = this.services;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    const phone = normalizePhoneNumber((step.result as Picked).text ?? '');
    if (!phone) {
      await drafts.update(step.context, { contactVia: 'none' });
      await step.context.sendActivity(t('report:contact.phoneSkipped'));
      return step.endDialog();
    }
    await drafts.updateSecrets(step.context, (secrets) => ({ ...secrets, phone }));
    await drafts.update(step.context, { contactVia: 'phone' });
    const choices = [...HOURS.map((hours) => ({ id: `report.hours.${hours}`, label: t(`report:contact.hours.${hours}`) })), skipChoice(texts, locale)];
    return step.prompt(PICK_PROMPT, pickOptions(t('report:contact.hoursAsk'), choices, { retry: t('pickRetry'), freeText: true }));
  }

  private async takeHours(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = step.result as Picked;
    if (picked.id === SKIP_ID) return step.endDialog();
    // Kept as the words the counselor will read: the button's label, or what was typed.
    const chosen = HOURS.find((hours) => picked.id === `report.hours.${hours}`);
    const hours = chosen ? this.services.texts.t(turnLocale(step.context))(`report:contact.hours.${chosen}`) : picked.text;
    await this.services.drafts.updateSecrets(step.context, (secrets) => ({ ...secrets, hours }));
    return step.endDialog();
  }
}
