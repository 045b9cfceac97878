import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import { foldedEqualsAny, foldText } from '../../src/text/foldText.js';
import type { Locale, Texts } from '../../src/i18n.js';

/** One answer the user can pick: `id` travels as the button payload, `label` is what they see. */
export interface Choice {
  readonly id: string;
  readonly label: string;
  /** Other words that pick this choice when typed (compared folded, whole text). */
  readonly synonyms?: readonly string[];
}

/**
 * A message with the choices as suggested actions. Each action is a postBack whose value is the
 * choice id, so a tap is recognised whatever the label says; channels that cannot show buttons
 * get a numbered list from their adapter.
 */
export function choiceMessage(text: string, choices: readonly Choice[]): Partial<Activity> {
  const actions: CardAction[] = choices.map((choice) => ({
    type: ActionTypes.PostBack,
    title: choice.label,
    value: choice.id,
  }));
  return { type: ActivityTypes.Message, text, suggestedActions: { actions, to: [] } };
}

/**
 * Finds the choice a user's reply means: the payload id of a tapped button, the label typed
 * with or without diacritics, its number in the list ("2", "so 2"), or one of its synonyms.
 */
export function matchChoice<C extends Choice>(reply: string | undefined, choices: readonly C[]): C | undefined {
  if (!reply) return undefined;
  const byId = choices.find((choice) => choice.id === reply.trim());
  if (byId) return byId;
  const folded = foldText(reply);
  // Only punctuation or emoji: nothing to compare.
  if (!folded) return undefined;
  const number = /^(?:so |number |option )?(\d{1,2})$/.exec(folded);
  if (number) return choices[Number(number[1]) - 1];
  return choices.find((choice) => foldText(choice.label) === folded || foldedEqualsAny(folded, choice.synonyms ?? []));
}

/** Payload of the "skip" button every question of a form offers. */
export const SKIP_ID = 'skip';
/** Payload of the "done" button that ends a list (several kinds, several messages). */
export const DONE_ID = 'done';

/** The "skip" choice; typing "bỏ qua", "không muốn trả lời" and the like picks it too. */
export function skipChoice(texts: Texts, locale: Locale, label = texts.t(locale)('skip.label')): Choice {
  return { id: SKIP_ID, label, synonyms: [texts.t(locale)('skip.label'), ...texts.listAll('skip.synonyms')] };
}

/** The "done" choice; "xong", "done" and the like pick it too. */
export function doneChoice(texts: Texts, locale: Locale): Choice {
  return { id: DONE_ID, label: texts.t(locale)('done.label'), synonyms: texts.listAll('done.synonyms') };
}
