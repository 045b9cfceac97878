import {
  type BotState,
  ConversationState,
  UserState,
  calculateChangeHash,
  type Storage,
  type StoreItem,
  type StoreItems,
  type TurnContext,
} from 'botbuilder';

interface CachedState {
  state: StoreItem;
  hash: string;
}

/**
 * What BotState keeps private and the functions below need: its per-turn cache key, its storage
 * key and its storage. Reading them is the only way to keep BotState's change detection and cache
 * while changing how reads and writes reach the storage.
 */
interface BotStateInternals {
  readonly stateKey: symbol;
  readonly storage: Storage;
  storageKey(context: TurnContext): Promise<string> | string;
}

function internals(state: BotState): BotStateInternals {
  return state as unknown as BotStateInternals;
}

const BEFORE_SAVE = Symbol('beforeStateSave');

/**
 * Registers what must be stored before this turn's state is: the adapter's replies said so far. A
 * turn whose state was saved and whose replies were lost (a crash between the two) would run again
 * from the new state and say something else under the same reply keys; stored the other way round,
 * it runs again from the old state and says the same, which the keys then drop.
 */
export function beforeStateSave(context: TurnContext, work: () => Promise<void>): void {
  context.turnState.set(BEFORE_SAVE, work);
}

/**
 * Loads several states of a turn with one storage read (one database round trip instead of one per
 * state), filling each BotState's cache exactly as its own `load` would. States already loaded in
 * this turn are left alone.
 */
export async function loadStates(context: TurnContext, states: readonly BotState[]): Promise<void> {
  const missing = states.filter((state) => !(context.turnState.get(internals(state).stateKey) as CachedState | undefined)?.state);
  if (missing.length === 0) return;
  const keys = await Promise.all(missing.map((state) => internals(state).storageKey(context)));
  const items = await internals(missing[0]!).storage.read(keys);
  missing.forEach((state, i) => {
    const loaded = (items[keys[i]!] ?? {}) as StoreItem;
    context.turnState.set(internals(state).stateKey, { state: loaded, hash: calculateChangeHash(loaded) });
  });
}

/**
 * Saves the states that changed in this turn with one storage write, each with the eTag it was read
 * with (see {@link OptimisticConversationState}): the storage writes all or, on a conflict, none.
 * All states must share one storage.
 */
export async function saveStates(context: TurnContext, states: readonly BotState[], force = false): Promise<void> {
  const changed: { state: BotState; cached: CachedState; key: string; hash: string }[] = [];
  for (const state of states) {
    const cached = context.turnState.get(internals(state).stateKey) as CachedState | undefined;
    // The hash of what is written, computed once: it is also the new baseline after the write.
    if (!cached && !force) continue;
    const stored = cached?.state ?? {};
    const hash = calculateChangeHash(stored);
    if (!force && cached!.hash === hash) continue;
    changed.push({ state, cached: cached ?? { state: stored, hash: '' }, key: await internals(state).storageKey(context), hash });
  }
  if (changed.length === 0) return;
  await (context.turnState.get(BEFORE_SAVE) as (() => Promise<void>) | undefined)?.();
  const items: StoreItems = {};
  for (const { key, cached } of changed) items[key] = cached.state;
  await internals(changed[0]!.state).storage.write(items);
  for (const { state, cached, hash } of changed) {
    context.turnState.set(internals(state).stateKey, { state: cached.state, hash });
  }
}

/** The keyed pseudonym stored in place of a platform id (SecretBox.pseudonym, ChannelUsers.idFor). */
export type Pseudonymise = (channel: string, platformId: string) => string;

/**
 * The storage key of a conversation's or a person's state: the channel, the kind and the
 * pseudonym of the platform id, never the id itself (botbuilder's default key holds the PSID or Zalo
 * user id in clear). `p:` marks the form, so keys written before it can be recognised and moved
 * ({@link pseudonymiseBotStateKeys}).
 */
export function botStateKey(kind: 'conversations' | 'users', channel: string, platformId: string, pseudonymise: Pseudonymise): string {
  return `${channel}/${kind}/p:${pseudonymise(channel, platformId)}`;
}

/**
 * The key of this turn's conversation or person ({@link botStateKey}); throws, as botbuilder's own
 * key does, when the activity does not name the channel and the conversation or person.
 */
function turnStateKey(context: TurnContext, kind: 'conversations' | 'users', pseudonymise: Pseudonymise): string {
  const { channelId, conversation, from } = context.activity;
  const id = kind === 'conversations' ? conversation?.id : from?.id;
  if (!channelId || !id) throw new Error(`missing activity.channelId or the activity's ${kind === 'conversations' ? 'conversation' : 'from'}.id`);
  return botStateKey(kind, channelId, id, pseudonymise);
}

/** ConversationState under pseudonyms whose writes fail on a concurrent change instead of overwriting it. */
export class OptimisticConversationState extends ConversationState {
  constructor(
    storage: Storage,
    private readonly pseudonymise: Pseudonymise,
  ) {
    super(storage);
  }

  override getStorageKey = (context: TurnContext): string => turnStateKey(context, 'conversations', this.pseudonymise);
  override saveChanges = (context: TurnContext, force = false): Promise<void> => saveStates(context, [this], force);
}

/** UserState under pseudonyms whose writes fail on a concurrent change instead of overwriting it. */
export class OptimisticUserState extends UserState {
  constructor(
    storage: Storage,
    private readonly pseudonymise: Pseudonymise,
  ) {
    super(storage);
  }

  override getStorageKey = (context: TurnContext): string => turnStateKey(context, 'users', this.pseudonymise);
  override saveChanges = (context: TurnContext, force = false): Promise<void> => saveStates(context, [this], force);
}
