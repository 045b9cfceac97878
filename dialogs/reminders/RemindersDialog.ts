import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../../src/i18n.js';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Club } from '../../src/reminders/Clubs.js';
import { describeWhen } from '../../src/reminders/describeMeeting.js';
import { normalizePhoneNumber } from '../../src/reports/phoneNumber.js';
import { countPhrases } from '../../src/text/foldText.js';
import { choiceMessage, matchChoice, skipChoice, type Choice } from '../shared/choices.js';
import { PickPrompt, pickOptions, type Picked } from '../shared/PickPrompt.js';
import { isPhoneOrSkip } from '../shared/isPhoneOrSkip.js';
import { subscribeWithConfirmation, type RemindersDialogServices } from './subscribeWithConfirmation.js';

export const REMINDERS_DIALOG = 'reminders';
/** The main menu entry's id (button payload). */
export const REMINDERS_MENU_ID = 'menu.reminders';
const FLOW = 'reminders.flow';
const SUBSCRIBE = 'reminders.subscribe';
const UNSUBSCRIBE = 'reminders.unsubscribe';
const CHOICE_PROMPT = 'reminders.choice';
const CODE_PROMPT = 'reminders.code';
const PHONE_PROMPT = 'reminders.phone';
const ADD_ID = 'reminders.add';
const STOP_ID = 'reminders.stop';
const BACK_ID = 'reminders.back';
/** Wrong codes before the dialog gives up and returns to the menu. */
const CODE_ATTEMPTS = 2;


/**
 * "Nhắc lịch": the person's clubs with their next meetings, subscribing by club code (typed, any
 * case, with or without diacritics), and unsubscribing ("hủy nhắc lịch"). On Zalo with ZNS, a
 * new subscriber is offered to leave a phone number so reminders still reach them after Zalo's
 * 7-day window; it is optional and explained before it is asked.
 */
export class RemindersDialog extends ComponentDialog {
  constructor(private readonly services: RemindersDialogServices) {
    super(REMINDERS_DIALOG);
    this.addDialog(new TextPrompt(CHOICE_PROMPT));
    this.addDialog(new TextPrompt(CODE_PROMPT));
    this.addDialog(new PickPrompt(PHONE_PROMPT, isPhoneOrSkip));
    this.addDialog(new WaterfallDialog(FLOW, [this.overview.bind(this), this.route.bind(this)]));
    this.addDialog(new WaterfallDialog(SUBSCRIBE, [this.askCode.bind(this), this.subscribe.bind(this), this.takePhone.bind(this)]));
    this.addDialog(new WaterfallDialog(UNSUBSCRIBE, [this.askWhich.bind(this), this.unsubscribe.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private now(): Date {
    return this.services.now?.() ?? new Date();
  }

  private async myClubs(context: TurnContext): Promise<Club[]> {
    const { clubs, subscriptions, personOf } = this.services;
    return clubs.byIds(await subscriptions.clubIdsOf(personOf(context).id));
  }

  /** "19:30, Thứ Bảy 28/11/2026, tại Nhà văn hoá thôn", or undefined when nothing is planned. */
  private async nextMeetingText(club: Club, locale: Locale): Promise<string | undefined> {
    const meeting = await this.services.clubs.nextMeeting(club, this.now());
    if (!meeting) return undefined;
    return this.services.texts.t(locale)('reminders:nextShort', { when: describeWhen(this.services.texts, locale, meeting.startsAt), place: meeting.place });
  }

  private async overview(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const text = context.activity.type === ActivityTypes.Message ? (context.activity.text ?? '') : '';
    if (countPhrases(text, this.services.texts.listAll('reminders:unsubscribeWords')) > 0) {
      return step.replaceDialog(UNSUBSCRIBE);
    }
    const locale = turnLocale(context);
    const t = this.services.texts.t(locale);
    const clubs = await this.myClubs(context);
    if (clubs.length === 0) {
      await context.sendActivity(t('reminders:none'));
      return step.replaceDialog(SUBSCRIBE);
    }
    const lines = [t('reminders:listIntro')];
    for (const club of clubs) {
      const next = await this.nextMeetingText(club, locale);
      lines.push(next ? t('reminders:listItem', { club: club.name, next }) : t('reminders:listItemNoNext', { club: club.name }));
    }
    await context.sendActivity(lines.join('\n'));
    return step.prompt(CHOICE_PROMPT, { prompt: choiceMessage(t('reminders:whatNext'), this.actions(locale)) });
  }

  private actions(locale: Locale): Choice[] {
    const t = this.services.texts.t(locale);
    return [
      { id: ADD_ID, label: t('reminders:addClub') },
      { id: STOP_ID, label: t('reminders:stop'), synonyms: this.services.texts.listAll('reminders:unsubscribeWords') },
      { id: BACK_ID, label: t('reminders:back') },
    ];
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = matchChoice(String(step.result ?? ''), this.actions(turnLocale(step.context)));
    if (choice?.id === ADD_ID) return step.replaceDialog(SUBSCRIBE);
    if (choice?.id === STOP_ID) return step.replaceDialog(UNSUBSCRIBE);
    // "Về menu" or anything else: back to the main menu, which shows itself again.
    return step.endDialog();
  }

  private async askCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const attempt = (step.options as { attempt?: number } | undefined)?.attempt ?? 0;
    const t = this.services.texts.t(turnLocale(step.context));
    (step.values as { attempt?: number }).attempt = attempt;
    return step.prompt(CODE_PROMPT, { prompt: t(attempt === 0 ? 'reminders:askCode' : 'reminders:notFound') });
  }

  private async subscribe(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = turnLocale(context);
    const t = this.services.texts.t(locale);
    const club = await this.services.clubs.findByCode(String(step.result ?? ''));
    if (!club || !club.active) {
      const attempt = ((step.values as { attempt?: number }).attempt ?? 0) + 1;
      if (attempt >= CODE_ATTEMPTS) {
        await context.sendActivity(t('reminders:notFoundGiveUp'));
        return step.endDialog();
      }
      return step.replaceDialog(SUBSCRIBE, { attempt });
    }
    await context.sendActivity(await subscribeWithConfirmation(this.services, context, club));
    const phones = this.services.reminderPhone;
    const person = this.services.personOf(context);
    if (!phones?.wanted(person.channel) || (await phones.has(person.id))) return step.endDialog();
    const skip = skipChoice(this.services.texts, locale);
    return step.prompt(PHONE_PROMPT, pickOptions(t('reminders:phoneAsk'), [skip], { retry: t('reminders:phoneInvalid'), freeText: true }));
  }

  private async takePhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = this.services.texts.t(turnLocale(step.context));
    const phone = normalizePhoneNumber((step.result as Picked).text ?? '');
    if (phone) await this.services.reminderPhone?.save(this.services.personOf(step.context).id, phone);
    await step.context.sendActivity(t(phone ? 'reminders:phoneSaved' : 'reminders:phoneSkipped'));
    return step.endDialog();
  }

  private async askWhich(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = this.services.texts.t(turnLocale(context));
    const clubs = await this.myClubs(context);
    if (clubs.length === 0) {
      await context.sendActivity(t('reminders:nothingToStop'));
      return step.endDialog();
    }
    if (clubs.length === 1) return step.next(String(clubs[0]?.id));
    const choices = clubs.map((club) => ({ id: String(club.id), label: club.name, synonyms: [club.code] }));
    return step.prompt(CHOICE_PROMPT, { prompt: choiceMessage(t('reminders:whichStop'), choices) });
  }

  private async unsubscribe(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const t = this.services.texts.t(turnLocale(context));
    const clubs = await this.myClubs(context);
    const choice = matchChoice(String(step.result ?? ''), clubs.map((club) => ({ id: String(club.id), label: club.name, synonyms: [club.code] })));
    const club = clubs.find((candidate) => String(candidate.id) === choice?.id);
    if (club) {
      await this.services.subscriptions.unsubscribe(club.id, this.services.personOf(context).id);
      await context.sendActivity(t('reminders:unsubscribed', { club: club.name }));
    }
    return step.endDialog();
  }
}
