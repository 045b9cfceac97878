import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AreaCatalog } from '../src/areas/AreaCatalog.js';
import type { MenuEntry } from '../src/bot/MenuRegistry.js';
import { DIRECTORY_URGENT_PAYLOAD } from '../src/bot/SafetyResponder.js';
import { turnLocale } from '../src/bot/turnLocale.js';
import type { DirectoryEntries } from '../src/directory/DirectoryEntries.js';
import type { Texts } from '../src/i18n.js';
import { nationalMessage, nearbyMessages } from './directory/entryMessages.js';
import { AreaDialog, areaFullName, type AreaAnswer } from './shared/AreaDialog.js';

/** Id of the {@link DirectoryDialog}. */
export const DIRECTORY_DIALOG = 'directory';
/** Menu entry id of finding help near me. */
export const DIRECTORY_MENU_ID = 'menu.directory';
const STEPS = 'directory.steps';
const AREA_DIALOG = 'directory.area';

/** What the directory dialog uses, passed in by the composition root. */
export interface DirectoryDialogServices {
  readonly texts: Texts;
  readonly areas: AreaCatalog;
  readonly directory: DirectoryEntries;
  /** The most precise area already known for this conversation (report draft, profile). */
  readonly areaOf: (context: TurnContext) => Promise<string | undefined>;
}

/** Where to look: an area code, or what the person typed when it matched no area. */
interface Place {
  readonly areaCode?: string;
  readonly typed?: boolean;
}

/**
 * "Find help near me": province → former district → commune (buttons, or a name typed with or
 * without diacritics), then the places nearest first (commune, district, province) with a call
 * button each, then the national numbers. Opened from the danger interrupt it is urgent: the
 * national emergency numbers come first, and an area the conversation already knows is used
 * without asking.
 */
export class DirectoryDialog extends ComponentDialog {
  constructor(private readonly services: DirectoryDialogServices) {
    super(DIRECTORY_DIALOG);
    this.addDialog(new AreaDialog(AREA_DIALOG, { texts: services.texts, areas: services.areas, textsPrefix: 'directory:area.' }));
    this.addDialog(new WaterfallDialog(STEPS, [this.askPlace.bind(this), this.list.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async askPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const urgent = context.activity.text?.trim() === DIRECTORY_URGENT_PAYLOAD;
    (step.values as { urgent?: boolean }).urgent = urgent;
    if (!urgent) return step.beginDialog(AREA_DIALOG);
    const locale = turnLocale(context);
    const { texts, directory } = this.services;
    await context.sendActivity(await nationalMessage(texts, locale, directory, texts.t(locale)('directory:urgent')));
    const known = await this.services.areaOf(context);
    return known ? step.next({ areaCode: known } satisfies Place) : step.beginDialog(AREA_DIALOG);
  }

  private async list(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = turnLocale(context);
    const { texts, areas, directory } = this.services;
    const t = texts.t(locale);
    const place = placeOf(step.result as AreaAnswer | Place | undefined);
    const urgent = (step.values as { urgent?: boolean }).urgent === true;
    const area = place.areaCode ? areas.get(place.areaCode) : undefined;
    const nearby = area ? await nearbyMessages(texts, locale, directory, area.code) : [];
    const name = area && areaFullName(texts, locale, area);
    const messages: Partial<typeof context.activity>[] = [];
    if (nearby.length > 0) messages.push({ type: ActivityTypes.Message, text: t('directory:found', { place: name }) }, ...nearby);
    // The national numbers close every answer, unless the urgent answer began with them.
    if (!urgent || nearby.length === 0) {
      const lead = name ? t('directory:noneNear', { place: name }) : t(place.typed ? 'directory:notFound' : 'directory:noPlace');
      messages.push(await nationalMessage(texts, locale, directory, nearby.length > 0 ? undefined : lead));
    }
    await context.sendActivities(messages);
    return step.endDialog();
  }
}

function placeOf(result: AreaAnswer | Place | undefined): Place {
  if (!result) return {};
  if ('areaCode' in result) return result;
  const answer = result as AreaAnswer;
  return { areaCode: answer.communeCode ?? answer.districtCode ?? answer.provinceCode, typed: answer.text !== undefined };
}

/** The main-menu entry; the danger interrupt's "find help near me" button opens it too. */
export function directoryMenuEntry(services: DirectoryDialogServices): MenuEntry {
  return {
    id: DIRECTORY_MENU_ID,
    labelKey: 'directory:menu.label',
    triggersKey: 'directory:menu.triggers',
    aliases: [DIRECTORY_URGENT_PAYLOAD],
    dialog: new DirectoryDialog(services),
  };
}
