import { ActivityTypes, InputHints, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from 'botbuilder-dialogs';
import { choiceMessage, matchChoice, type Choice } from './choices.js';

/** The usual id of a {@link PickPrompt} inside a component dialog. */
export const PICK_PROMPT = 'pick';

/** What the person answered: a choice (by button, label, number or synonym) or, where allowed, free text. */
export type Picked = { readonly id: string; readonly text?: undefined } | { readonly id?: undefined; readonly text: string };

interface PickValidations {
  readonly choices: readonly Choice[];
  readonly freeText: boolean;
}

/**
 * A question answered with buttons. The result is the choice id, so the next step does not have to
 * match labels again; with `freeText` anything else typed is accepted as text (a place name, a
 * description). Otherwise the question is asked again with `retryPrompt`.
 */
export class PickPrompt extends Prompt<Picked> {
  /** @param validator - optional extra check (a phone number); a rejected answer gets `retryPrompt`. */
  constructor(dialogId: string = PICK_PROMPT, validator?: PromptValidator<Picked>) {
    super(dialogId, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const message = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (message) await context.sendActivity(message, undefined, InputHints.ExpectingInput);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<Picked>> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text?.trim() : undefined;
    const { choices, freeText } = options.validations as PickValidations;
    const choice = matchChoice(text, choices);
    if (choice) return { succeeded: true, value: { id: choice.id } };
    if (freeText && text) return { succeeded: true, value: { text } };
    return { succeeded: false };
  }
}

/**
 * Options for {@link PickPrompt}: the question and its buttons, the same buttons again under
 * `retry` when the answer was not one of them.
 */
export function pickOptions(question: string, choices: readonly Choice[], options: { retry: string; freeText?: boolean }): PromptOptions {
  const validations: PickValidations = { choices, freeText: options.freeText ?? false };
  return { prompt: choiceMessage(question, choices), retryPrompt: choiceMessage(options.retry, choices), validations };
}
