import type { PromptValidatorContext } from 'botbuilder-dialogs';
import { normalizePhoneNumber } from '../../src/reports/phoneNumber.js';
import type { Picked } from './PickPrompt.js';

/** A {@link PickPrompt} validator: the answer must be a phone number, unless it is a choice ("skip"). */
export async function isPhoneOrSkip(prompt: PromptValidatorContext<Picked>): Promise<boolean> {
  const value = prompt.recognized.value;
  return prompt.recognized.succeeded && (value?.id !== undefined || normalizePhoneNumber(value?.text ?? '') !== undefined);
}
