import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Locale, Texts } from '../src/i18n.js';
import { interruptedByDanger, resumeAfterInterrupt } from '../src/bot/dangerInterruptMiddleware.js';
import type { MenuEntry, MenuEntryOptions, MenuEntryResult, MenuRegistry } from '../src/bot/MenuRegistry.js';
import { setTurnLocale, turnLocale } from '../src/bot/turnLocale.js';
import { START_PAYLOADS } from '../src/bot/wellKnownPayloads.js';
import type { UserProfile } from '../src/bot/UserProfile.js';
import { countPhrases, equalsAny } from '../src/text/foldText.js';
import { DELETE_DATA_DIALOG, DeleteDataDialog, type DeleteDataDialogServices } from './DeleteDataDialog.js';
import { choiceMessage, matchChoice, type Choice } from './shared/choices.js';
import { isCollectingMessages } from './shared/CollectMessagesDialog.js';

/** Id of the {@link MainDialog}. */
export const MAIN_DIALOG = 'main';
const MENU_LOOP = 'main.loop';
const MENU_PROMPT = 'main.prompt';
const HELP_ID = 'menu.help';
const LANGUAGE_ID = 'menu.language';

/** The main menu's buttons in `locale`: the registered features as shown, then help and language. */
export function menuChoices(texts: Texts, menu: MenuRegistry, locale: Locale): Choice[] {
  const t = texts.t(locale);
  return [
    ...menu.shown().map((entry) => ({ id: entry.id, label: t(entry.labelKey) })),
    { id: HELP_ID, label: t('menu.help') },
    { id: LANGUAGE_ID, label: t('menu.switchLanguage') },
  ];
}

/** Services the main dialog needs, passed in by the composition root. */
export interface MainDialogServices extends DeleteDataDialogServices {
  readonly texts: Texts;
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly menu: MenuRegistry;
}

interface MenuOptions {
  /** Show the short prompt: the user has just finished something. */
  readonly again?: boolean;
  /**
   * Open this entry straight away instead of asking: a feature handed over to it, or an entry asked
   * for from anywhere ("gặp tư vấn viên"). The menu comes back when it ends.
   */
  readonly next?: string;
}

/** What the menu loop remembers between its steps within one turn. */
interface StepValues {
  handedOver?: boolean;
}

/**
 * The root of every conversation: greeting with the automated-assistant disclosure, the main menu
 * built from the {@link MenuRegistry}, and the commands that work anywhere ("thoát", "xóa dữ liệu",
 * "menu", "bắt đầu lại", help, language switch). After the danger interrupt it asks the interrupted
 * question again.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: MainDialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new TextPrompt(MENU_PROMPT));
    this.addDialog(
      new WaterfallDialog(MENU_LOOP, [this.showMenu.bind(this), this.route.bind(this), this.loop.bind(this)]),
    );
    this.addDialog(new DeleteDataDialog(services));
    for (const entry of services.menu.entries()) this.addDialog(entry.dialog);
    this.initialDialogId = MENU_LOOP;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    // A first message that was a cry for help has had its answer; the conversation starts with the next.
    if (interruptedByDanger(innerDc.context)) return { status: DialogTurnStatus.complete };
    // The very first message may already be "English", "thoát", "xóa dữ liệu" or a request for a counselor.
    await this.applyLanguageCommand(innerDc.context);
    const privacy = await this.privacyCommand(innerDc);
    if (privacy) return privacy;
    const anywhere = this.anywhereEntry(innerDc.context);
    if (anywhere) return innerDc.beginDialog(MENU_LOOP, { next: anywhere.id } satisfies MenuOptions);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (interruptedByDanger(innerDc.context)) {
      // Someone writing their account keeps what they wrote; any other question stays open.
      return isCollectingMessages(innerDc) ? super.onContinueDialog(innerDc) : { status: DialogTurnStatus.waiting };
    }
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Commands that work in any state; undefined when the message is not one of them. */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (resumeAfterInterrupt(context)) {
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const privacy = await this.privacyCommand(innerDc);
    if (privacy) return privacy;
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text) return undefined;
    const { texts } = this.services;
    if (await this.applyLanguageCommand(context)) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_LOOP);
    }
    if (text.trim() === HELP_ID || equalsAny(text, texts.listAll('commands.help'))) {
      await context.sendActivity(texts.t(turnLocale(context))('help.text'));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (START_PAYLOADS.includes(text.trim()) || equalsAny(text, texts.listAll('commands.menu'))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_LOOP);
    }
    const anywhere = this.anywhereEntry(context);
    if (anywhere && !this.isOpen(innerDc, anywhere.dialog.id)) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_LOOP, { next: anywhere.id } satisfies MenuOptions);
    }
    return undefined;
  }

  /**
   * "thoát" ends everything at once with a line that gives nothing away (the person may have been
   * interrupted by the one they fear); "xóa dữ liệu" asks to confirm on top of whatever was open.
   */
  private async privacyCommand(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text) return undefined;
    const { texts } = this.services;
    if (equalsAny(text, texts.listAll('privacy:commands.exit'))) {
      await innerDc.cancelAllDialogs();
      await context.sendActivity(texts.t(turnLocale(context))('privacy:exit'));
      return { status: DialogTurnStatus.complete };
    }
    if (equalsAny(text, texts.listAll('privacy:commands.delete')) && innerDc.activeDialog?.id !== DELETE_DATA_DIALOG) {
      return innerDc.beginDialog(DELETE_DATA_DIALOG);
    }
    return undefined;
  }

  /** True when the dialog `id` is on the stack (the menu loop holds its entries' dialogs). */
  private isOpen(innerDc: DialogContext, id: string): boolean {
    return innerDc.stack.some((instance) => instance.id === id) || innerDc.child?.stack.some((instance) => instance.id === id) === true;
  }

  /**
   * The entry that this message opens from anywhere, if any: one of its aliases (a button another
   * feature offered, e.g. after the danger interrupt), or for an `anywhere` entry its id or
   * trigger phrases.
   */
  private anywhereEntry(context: TurnContext): MenuEntry | undefined {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text) return undefined;
    const payload = text.trim();
    return this.services.menu
      .entries()
      .find(
        (entry) =>
          entry.aliases?.includes(payload) ||
          (entry.anywhere &&
            (entry.id === payload ||
              (entry.triggersKey !== undefined && countPhrases(text, this.services.texts.listAll(entry.triggersKey)) > 0))),
      );
  }

  /** Switches language when the message asks for it; true when it did. */
  private async applyLanguageCommand(context: TurnContext): Promise<boolean> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text) return false;
    const { texts } = this.services;
    let wanted: Locale | undefined;
    if (equalsAny(text, texts.listAll('commands.english'))) wanted = 'en';
    else if (equalsAny(text, texts.listAll('commands.vietnamese'))) wanted = 'vi';
    else if (text.trim() === LANGUAGE_ID) wanted = turnLocale(context) === 'vi' ? 'en' : 'vi';
    if (!wanted) return false;
    const profile = await this.services.profile.get(context, {});
    await this.services.profile.set(context, { ...profile, locale: wanted });
    setTurnLocale(context, wanted);
    await context.sendActivity(texts.t(wanted)('languageSwitched'));
    return true;
  }

  private choices(locale: Locale): Choice[] {
    return menuChoices(this.services.texts, this.services.menu, locale);
  }

  private async showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const options = step.options as MenuOptions | undefined;
    const locale = turnLocale(context);
    const t = this.services.texts.t(locale);
    const profile = await this.services.profile.get(context, {});
    if (!profile.disclosed) {
      await context.sendActivities([
        { type: ActivityTypes.Message, text: t('greeting') },
        { type: ActivityTypes.Message, text: t('notEmergency') },
      ]);
      await this.services.profile.set(context, { ...profile, disclosed: true });
    }
    // Disclosed first, then the entry that was asked for directly; the menu comes back when it ends.
    const handedTo = options?.next ? this.services.menu.entries().find((entry) => entry.id === options.next) : undefined;
    if (handedTo) {
      (step.values as StepValues).handedOver = true;
      return step.beginDialog(handedTo.dialog.id);
    }
    const again = options?.again === true;
    return step.prompt(MENU_PROMPT, { prompt: choiceMessage(t(again ? 'menu.promptShort' : 'menu.prompt'), this.choices(locale)) });
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // The first step opened a feature instead of prompting: pass its result on.
    if ((step.values as StepValues).handedOver === true) return step.next(step.result);
    const { context } = step;
    const reply = typeof step.result === 'string' ? step.result : '';
    const locale = turnLocale(context);
    const choice = matchChoice(reply, this.choices(locale));
    if (choice?.id === HELP_ID) {
      await context.sendActivity(this.services.texts.t(locale)('help.text'));
      return step.next();
    }
    if (choice?.id === LANGUAGE_ID) {
      // Handled like the typed command; the reply itself was the payload.
      await this.applyLanguageCommand(context);
      return step.next();
    }
    const entry = this.entryFor(choice?.id, reply);
    // Typed text is handed to the feature, which may act on it at once ("ly hôn thì con ở với ai?").
    const typed: MenuEntryOptions | undefined = choice ? undefined : { utterance: reply };
    if (entry) return step.beginDialog(entry.dialog.id, typed);
    // "hi" while the menu is open just shows the menu again.
    if (equalsAny(reply, this.services.texts.listAll('commands.greeting'))) return step.next();
    const recognizing = reply.trim() ? this.services.menu.entries().find((candidate) => candidate.recognizes?.(reply) === true) : undefined;
    if (recognizing) return step.beginDialog(recognizing.dialog.id, typed);
    await context.sendActivity(this.services.texts.t(locale)('notUnderstood'));
    return step.next();
  }

  /**
   * The entry picked by a button, or the one whose trigger phrases the free text contains most
   * (ties go to the earlier entry): "tra cứu báo tin" opens the lookup ("tra cứu", "tra cứu báo
   * tin") although it also contains the report's "báo tin"; "hỏi luật về bạo lực" stays legal.
   */
  private entryFor(choiceId: string | undefined, reply: string): MenuEntry | undefined {
    const entries = this.services.menu.entries();
    if (choiceId) return entries.find((entry) => entry.id === choiceId);
    let best: { entry: MenuEntry; matches: number } | undefined;
    for (const entry of entries) {
      if (!entry.triggersKey) continue;
      const matches = countPhrases(reply, this.services.texts.listAll(entry.triggersKey));
      if (matches > (best?.matches ?? 0)) best = { entry, matches };
    }
    return best?.entry;
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const next = (step.result as MenuEntryResult | undefined)?.next;
    return step.replaceDialog(MENU_LOOP, { again: true, next } satisfies MenuOptions);
  }
}
