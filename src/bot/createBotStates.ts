import type { StatePropertyAccessor, Storage } from 'botbuilder';
import { OptimisticConversationState, OptimisticUserState, type Pseudonymise } from '../store/optimisticState.js';
import { createUserProfileAccessor, type UserProfile } from './UserProfile.js';

/** The bot's state on a storage: per conversation, per user, and the user's profile in it. */
export interface BotStateStores {
  readonly conversationState: OptimisticConversationState;
  readonly userState: OptimisticUserState;
  readonly profile: StatePropertyAccessor<UserProfile>;
}

/**
 * Creates the state objects once, so the services built on them (report drafts, the data eraser)
 * and the bot share the same per-turn caches.
 * @param pseudonymise - what the states are stored under instead of platform ids.
 */
export function createBotStates(storage: Storage, pseudonymise: Pseudonymise): BotStateStores {
  const conversationState = new OptimisticConversationState(storage, pseudonymise);
  const userState = new OptimisticUserState(storage, pseudonymise);
  return { conversationState, userState, profile: createUserProfileAccessor(userState) };
}
