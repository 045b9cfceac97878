import type { TurnContext } from 'botbuilder';
import type { SecretBox } from '../crypto/SecretBox.js';

/** A person as the service stores them: their channel and a keyed pseudonym, never the platform id. */
export interface PersonRef {
  readonly channel: string;
  readonly pseudonym: string;
}

/** The person who sent this turn's activity. */
export function personOf(context: TurnContext, secretBox: SecretBox): PersonRef {
  const channel = context.activity.channelId;
  return { channel, pseudonym: secretBox.pseudonym(channel, context.activity.from?.id ?? '') };
}
