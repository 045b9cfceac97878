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
import type { MenuEntry, MenuRegistry } from '../src/bot/MenuRegistry.js';
import { setTurnLocale, turnLocale } from '../src/bot/turnLocale.js';
import { START_PAYLOADS } from '../src/bot/wellKnownPayloads.js';
import type { UserProfile } from '../src/bot/UserProfile.js';
import { containsPhrase, equalsAny } from '../src/text/foldText.js';
import { choiceMessage, matchChoice, type Choice } from './shared/choices.js';

export const MAIN_DIALOG = 'main';
const MENU_LOOP = 'main.loop';
const MENU_PROMPT = 'main.prompt';
const HELP_ID = 'menu.help';
const LANGUAGE_ID = 'menu.language';

/** Services the main dialog needs, passed in by the composition root. */
export interface MainDialogServices {
  readonly texts: Texts;
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly menu: MenuRegistry;
}

interface MenuOptions {
  /** Show the short prompt: the user has just finished something. */
  readonly again?: boolean;
  /** Open this entry's dialog instead of asking (an entry asked for from anywhere). */
  readonly open?: string;
}

/**
 * The root of every conversation: greeting with the automated-assistant disclosure, the main menu
 * built from the {@link MenuRegistry}, and the commands that work anywhere ("menu", "bắt đầu lại",
 * help, language switch).
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: MainDialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new TextPrompt(MENU_PROMPT));
    this.addDialog(
      new WaterfallDialog(MENU_LOOP, [this.showMenu.bind(this), this.route.bind(this), this.loop.bind(this)]),
    );
    for (const entry of services.menu.entries()) this.addDialog(entry.dialog);
    this.initialDialogId = MENU_LOOP;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    // The very first message may already be "English", or a request for a counselor.
    await this.applyLanguageCommand(innerDc.context);
    const anywhere = this.anywhereEntry(innerDc.context);
    if (anywhere) return innerDc.beginDialog(MENU_LOOP, { open: anywhere.dialog.id } satisfies MenuOptions);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Commands that work in any state; undefined when the message is not one of them. */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
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
      return innerDc.beginDialog(MENU_LOOP, { open: anywhere.dialog.id } satisfies MenuOptions);
    }
    return undefined;
  }

  /** True when the dialog `id` is on the stack (the menu loop holds its entries' dialogs). */
  private isOpen(innerDc: DialogContext, id: string): boolean {
    return innerDc.stack.some((instance) => instance.id === id) || innerDc.child?.stack.some((instance) => instance.id === id) === true;
  }

  /** The entry that opens from anywhere and that this message asks for, if any. */
  private anywhereEntry(context: TurnContext): MenuEntry | undefined {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!text) return undefined;
    const payload = text.trim();
    return this.services.menu
      .entries()
      .find(
        (entry) =>
          entry.anywhere &&
          (entry.id === payload ||
            entry.aliases?.includes(payload) ||
            (entry.triggersKey !== undefined && this.services.texts.listAll(entry.triggersKey).some((phrase) => containsPhrase(text, phrase)))),
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
    const t = this.services.texts.t(locale);
    return [
      ...this.services.menu.entries().map((entry) => ({ id: entry.id, label: t(entry.labelKey) })),
      { id: HELP_ID, label: t('menu.help') },
      { id: LANGUAGE_ID, label: t('menu.switchLanguage') },
    ];
  }

  private async showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
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
    const options = step.options as MenuOptions | undefined;
    // The entry was asked for directly; the menu comes back when it ends ("what next?").
    if (options?.open) return step.beginDialog(options.open);
    const again = options?.again === true;
    return step.prompt(MENU_PROMPT, { prompt: choiceMessage(t(again ? 'menu.promptShort' : 'menu.prompt'), this.choices(locale)) });
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    if ((step.options as MenuOptions | undefined)?.open) return step.next();
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
    if (entry) return step.beginDialog(entry.dialog.id);
    // "hi" while the menu is open just shows the menu again.
    if (equalsAny(reply, this.services.texts.listAll('commands.greeting'))) return step.next();
    await context.sendActivity(this.services.texts.t(locale)('notUnderstood'));
    return step.next();
  }

  /** The entry picked by a button, or the first whose trigger phrases the free text contains. */
  private entryFor(choiceId: string | undefined, reply: string): MenuEntry | undefined {
    const entries = this.services.menu.entries();
    if (choiceId) return entries.find((entry) => entry.id === choiceId);
    return entries.find(
      (entry) => entry.triggersKey && this.services.texts.listAll(entry.triggersKey).some((p) => containsPhrase(reply, p)),
    );
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MENU_LOOP, { again: true } satisfies MenuOptions);
  }
}
