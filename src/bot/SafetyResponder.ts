import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { callCard } from '../../dialogs/directory/entryMessages.js';
import { choiceMessage, matchChoice, type Choice } from '../../dialogs/shared/choices.js';
import type { SecretBox } from '../crypto/SecretBox.js';
import { localized, type DirectoryEntries } from '../directory/DirectoryEntries.js';
import type { TrustedAddressLookup } from '../directory/TrustedAddressLookup.js';
import type { CounselorRequests } from '../handoff/CounselorRequests.js';
import type { Locale, Texts } from '../i18n.js';
import { personOf } from '../privacy/personOf.js';
import type { DangerCategory } from '../safety/DangerDetector.js';
import { turnLocale } from './turnLocale.js';

/** Payload of the "talk to a counselor" button; the handoff feature answers it later on. */
export const HANDOFF_REQUEST = 'handoff.request';
/** Payload of the "continue" button after an emergency message. */
export const SAFETY_CONTINUE = 'safety.continue';

/**
 * Payload of the "find help near me" button after an emergency message: the directory's menu
 * entry takes it and answers urgently (emergency numbers first, the known area without asking).
 */
export const DIRECTORY_URGENT_PAYLOAD = 'directory.urgent';

/** What the person answered to the offer of a counselor (or of places near them). */
export type OfferAnswer = 'counselor' | 'continue' | 'directory';

/**
 * What the bot says when someone may be in danger, shared by the danger interrupt and the
 * reporting dialog: the emergency numbers first (and the nearest trusted address when the area is
 * known), then the offer of a counselor, and the urgent request when they accept.
 */
export class SafetyResponder {
  /**
   * @param areaOf - the most precise area known for this conversation (report draft, profile).
   */
  constructor(
    private readonly deps: {
      texts: Texts;
      secretBox: SecretBox;
      directory: DirectoryEntries;
      trustedAddresses: TrustedAddressLookup;
      counselorRequests: CounselorRequests;
      areaOf: (context: TurnContext) => Promise<string | undefined>;
    },
  ) {}

  /**
   * The emergency numbers, with the local trusted address when there is one, as text and as the
   * directory's tap-to-call card (113, 115, 111 first, then the local one). The text keeps every
   * number: phones that cannot tap a card, and Messenger, which cannot dial short codes, still
   * show them.
   */
  async emergencyMessage(context: TurnContext): Promise<Partial<Activity>> {
    const locale = turnLocale(context);
    const { texts, directory, trustedAddresses } = this.deps;
    const t = texts.t(locale);
    const [national, local] = await Promise.all([directory.nearest(undefined), this.deps.areaOf(context).then((area) => trustedAddresses.nearest(area))]);
    const lines = [t('safety:emergency.numbers')];
    if (local) lines.push(t('safety:emergency.local', { phone: local.phone, name: localized(local.name, locale) }));
    // The directory lists 113, 115, 111 first, as the text names them.
    return { type: ActivityTypes.Message, text: lines.join('\n'), attachments: [callCard(texts, locale, local ? [...national, local] : national)] };
  }

  /** The question offering a counselor; kinder words when the person may hurt themselves. */
  offerText(locale: Locale, category?: DangerCategory): string {
    return this.deps.texts.t(locale)(category === 'selfHarm' ? 'safety:offer.selfHarm' : 'safety:offer.default');
  }

  /** The offer's buttons, for dialogs that ask it through their own prompt. */
  offerChoices(locale: Locale): Choice[] {
    const { texts } = this.deps;
    const t = texts.t(locale);
    return [
      { id: HANDOFF_REQUEST, label: t('safety:buttons.counselor'), synonyms: texts.list(locale, 'safety:synonyms.counselor') },
      { id: SAFETY_CONTINUE, label: t('safety:buttons.continue'), synonyms: texts.list(locale, 'safety:synonyms.continue') },
    ];
  }

  /** The danger interrupt's buttons: the offer's, then the places near the person. */
  private alertChoices(locale: Locale): Choice[] {
    const { texts } = this.deps;
    return [
      ...this.offerChoices(locale),
      { id: DIRECTORY_URGENT_PAYLOAD, label: texts.t(locale)('safety:buttons.directory'), synonyms: texts.list(locale, 'safety:synonyms.directory') },
    ];
  }

  /** Reads an answer to the danger interrupt's offer; undefined when the message is something else. */
  matchOffer(text: string | undefined, locale: Locale): OfferAnswer | undefined {
    const choice = matchChoice(text, this.alertChoices(locale));
    if (!choice) return undefined;
    if (choice.id === DIRECTORY_URGENT_PAYLOAD) return 'directory';
    return choice.id === HANDOFF_REQUEST ? 'counselor' : 'continue';
  }

  /** The danger interrupt's whole answer: numbers first, then the offer. */
  async alert(context: TurnContext, category: DangerCategory): Promise<void> {
    await context.sendActivities([
      await this.emergencyMessage(context),
      choiceMessage(this.offerText(turnLocale(context), category), this.alertChoices(turnLocale(context))),
    ]);
  }

  /**
   * Queues a request for a counselor, routed to the area's team, and tells the person what was
   * done. Asking is consent to be written to in this chat, so the conversation reference is kept.
   */
  async requestCounselor(context: TurnContext, request: { priority: 'urgent' | 'normal'; reason: string }): Promise<void> {
    await this.deps.counselorRequests.request({
      ...request,
      person: personOf(context, this.deps.secretBox),
      routedAreaCode: await this.deps.trustedAddresses.coveringArea(await this.deps.areaOf(context)),
      conversation: TurnContext.getConversationReference(context.activity),
    });
    await context.sendActivity(this.deps.texts.t(turnLocale(context))('safety:counselorRequested'));
  }
}
