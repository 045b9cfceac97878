import {
  BotState,
  ConversationState,
  UserState,
  calculateChangeHash,
  type StoreItem,
  type TurnContext,
} from 'botbuilder';

interface CachedState {
  state: StoreItem;
  hash: string;
}

/**
 * BotState.saveChanges always writes with `eTag: '*'` (last writer wins). This one writes with the
 * eTag the state was read with, so a concurrent writer is detected by the storage instead of being
 * silently overwritten.
 */
async function saveWithReadETag(bot: BotState, context: TurnContext, force: boolean): Promise<void> {
  // BotState keeps its per-turn cache under a private symbol; reading it is the only way to keep
  // BotState's change detection while changing how the write is made.
  const cacheKey = (bot as unknown as { stateKey: symbol }).stateKey;
  const cached = context.turnState.get(cacheKey) as CachedState | undefined;
  if (!force && (!cached || cached.hash === calculateChangeHash(cached.state))) return;
  const state = cached?.state ?? {};
  const key = await (bot as unknown as { storageKey(c: TurnContext): Promise<string> | string }).storageKey(context);
  await (bot as unknown as { storage: { write(items: Record<string, StoreItem>): Promise<void> } }).storage.write({
    [key]: state,
  });
  context.turnState.set(cacheKey, { state, hash: calculateChangeHash(state) });
}

/** ConversationState whose writes fail on a concurrent change instead of overwriting it. */
export class OptimisticConversationState extends ConversationState {
  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveWithReadETag(this, context, force);
  }
}

/** UserState whose writes fail on a concurrent change instead of overwriting it. */
export class OptimisticUserState extends UserState {
  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveWithReadETag(this, context, force);
  }
}
