import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Area, AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { turnLocale } from '../../src/bot/turnLocale.js';
import type { Locale, Texts } from '../../src/i18n.js';
import { SKIP_ID, skipChoice, type Choice } from './choices.js';
import { PICK_PROMPT, PickPrompt, pickOptions, type Picked } from './PickPrompt.js';

/** The place a person gave: catalog codes as far as they went, or what they typed when it matched nothing. */
export interface AreaAnswer {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
  readonly text?: string;
}

/** What the area dialog needs. */
export interface AreaDialogServices {
  readonly texts: Texts;
  readonly areas: AreaCatalog;
  /** Called whenever the answer becomes more precise, so callers can use it before the dialog ends. */
  readonly onAnswer?: (context: TurnContext, answer: AreaAnswer) => Promise<void>;
  /**
   * Where the questions are: `<prefix>ask.province` … and `<prefix>unsaid`. Default `areas:`
   * (where it happened, for reports); the directory asks where to look instead.
   */
  readonly textsPrefix?: string;
}

/** More buttons than this and the person is asked to type the name instead (Messenger shows 13). */
const MAX_AREA_BUTTONS = 10;

/** The button text of an area: its name, former districts marked as such. */
export function areaLabel(texts: Texts, locale: Locale, area: Area): string {
  return area.level === 'district' ? texts.t(locale)('areas:label.former', { name: area.name }) : area.name;
}

/** The full name of an area with its kind ("Phường Cầu Giấy"). */
export function areaFullName(texts: Texts, locale: Locale, area: Area): string {
  return texts.t(locale)(`areas:full.${area.type}`, { name: area.name });
}

/**
 * Where: province → district (only where the data has former districts) → commune, each chosen by
 * button or typed with or without diacritics; a typed name may skip levels ("Cầu Giấy" finds the
 * ward and its province). Anything not in the list is kept as typed; "không muốn nói" ends it.
 */
export class AreaDialog extends ComponentDialog {
  private readonly stepsId: string;

  constructor(
    id: string,
    private readonly services: AreaDialogServices,
  ) {
    super(id);
    this.stepsId = `${id}.steps`;
    this.addDialog(new PickPrompt());
    this.addDialog(
      new WaterfallDialog(this.stepsId, [
        this.askProvince.bind(this),
        this.take.bind(this),
        this.askDistrict.bind(this),
        this.take.bind(this),
        this.askCommune.bind(this),
        this.take.bind(this),
        async (step) => step.endDialog(answerOf(step)),
      ]),
    );
    this.initialDialogId = this.stepsId;
  }

  private async askProvince(step: WaterfallStepContext): Promise<DialogTurnResult> {
    setAnswer(step, {});
    const featured = this.services.areas.provinces().filter((province) => province.featured);
    return this.ask(step, 'ask.province', featured);
  }

  private async askDistrict(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerOf(step);
    if (!answer.provinceCode || answer.districtCode || answer.communeCode) return step.next();
    const districts = this.services.areas.children(answer.provinceCode).filter((area) => area.level === 'district');
    if (districts.length === 0) return step.next();
    return this.ask(step, 'ask.district', districts);
  }

  private async askCommune(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerOf(step);
    const scope = answer.districtCode ?? answer.provinceCode;
    if (!scope || answer.communeCode) return step.next();
    const communes = this.services.areas.children(scope).filter((area) => area.level === 'commune');
    const buttons = communes.length <= MAX_AREA_BUTTONS ? communes : [];
    return this.ask(step, buttons.length > 0 ? 'ask.commune' : 'ask.communeTyped', buttons);
  }

  private async ask(step: WaterfallStepContext, questionKey: string, areas: readonly Area[]): Promise<DialogTurnResult> {
    const { texts } = this.services;
    const locale = turnLocale(step.context);
    const t = texts.t(locale);
    const prefix = this.services.textsPrefix ?? 'areas:';
    const choices: Choice[] = [
      ...areas.map((area) => ({ id: area.code, label: areaLabel(texts, locale, area) })),
      skipChoice(texts, locale, t(`${prefix}unsaid`)),
    ];
    return step.prompt(PICK_PROMPT, pickOptions(t(`${prefix}${questionKey}`), choices, { retry: t('pickRetry'), freeText: true }));
  }

  /** Reads an answer at any level: a button, a name found under what is known so far, or free text. */
  private async take(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = step.result as Picked | undefined;
    if (!picked) return step.next();
    const answer = answerOf(step);
    if (picked.id === SKIP_ID) return step.endDialog(answer);
    const { areas } = this.services;
    const area = picked.id !== undefined ? areas.get(picked.id) : areas.search(picked.text, answer.districtCode ?? answer.provinceCode);
    if (!area) {
      const typed: AreaAnswer = { ...answer, text: picked.text };
      await this.services.onAnswer?.(step.context, typed);
      return step.endDialog(typed);
    }
    const next: Record<string, string> = {};
    for (const level of areas.lineage(area.code)) next[`${level.level}Code`] = level.code;
    setAnswer(step, next);
    await this.services.onAnswer?.(step.context, next);
    return step.next();
  }
}

// The answer so far lives in the waterfall's values, which the dialog state keeps between turns.
function answerOf(step: WaterfallStepContext): AreaAnswer {
  return (step.values as { answer?: AreaAnswer }).answer ?? {};
}

function setAnswer(step: WaterfallStepContext, answer: AreaAnswer): void {
  (step.values as { answer?: AreaAnswer }).answer = answer;
}
