import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { botPauseMiddleware, turnLookup, type BotPause } from '../../src/bot/BotPause.js';
import { preloadTurnMiddleware } from '../../src/bot/preloadTurnMiddleware.js';
import { OptimisticConversationState, OptimisticUserState, saveStates } from '../../src/store/optimisticState.js';

/** Memory storage that counts calls: the states must reach it once per turn, not once per state. */
class CountingStorage extends MemoryStorage {
  reads = 0;
  writes: string[][] = [];
  override read(keys: string[]): Promise<StoreItems> {
    this.reads++;
    return super.read(keys);
  }
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(Object.keys(changes));
    return super.write(changes);
  }
}

/** A conversation state with a visit counter and a user state with a name, over one counting storage. */
function twoStates() {
  const storage = new CountingStorage();
  const pseudonymise = (channel: string, id: string) => `pseudonym(${channel}:${id})`;
  const conversation = new OptimisticConversationState(storage, pseudonymise);
  const user = new OptimisticUserState(storage, pseudonymise);
  return { storage, conversation, user, visits: conversation.createProperty<number>('visits'), name: user.createProperty<string>('name') };
}

describe('preloading and saving the states of a turn', () => {
  it('reads conversation and user state with one storage read and saves both with one write', async () => {
    const { storage, conversation, user, visits, name } = twoStates();
    const adapter = new TestAdapter(async (context) => {
      await visits.set(context, ((await visits.get(context)) ?? 0) + 1);
      await name.set(context, context.activity.text ?? '');
      await context.sendActivity(`visit ${await visits.get(context)}`);
      await saveStates(context, [conversation, user]);
    }).use(preloadTurnMiddleware([conversation, user]));

    await adapter.send('An').assertReply('visit 1');
    await adapter.send('Bình').assertReply('visit 2');
    expect(storage.reads).toBe(2);
    expect(storage.writes).toHaveLength(2);
    expect(storage.writes[1]).toHaveLength(2);
    const stored = await storage.read(storage.writes[1]!);
    expect(Object.values(stored).map((item) => Object.keys(item).filter((key) => key !== 'eTag'))).toEqual(expect.arrayContaining([['visits'], ['name']]));
  });

  it('writes nothing when the turn changed nothing', async () => {
    const { storage, conversation, user } = twoStates();
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('hello');
      await saveStates(context, [conversation, user]);
    }).use(preloadTurnMiddleware([conversation, user]));
    await adapter.send('hi').assertReply('hello');
    expect([storage.reads, storage.writes.length]).toEqual([1, 0]);
  });

  it('takes what it saved as the new baseline: a second save of the same turn writes only what changed since', async () => {
    const { storage, conversation, user, visits, name } = twoStates();
    const adapter = new TestAdapter(async (context) => {
      await visits.set(context, 1);
      await name.set(context, 'An');
      await saveStates(context, [conversation, user]);
      await saveStates(context, [conversation, user]);
      await name.set(context, 'Bình');
      await saveStates(context, [conversation, user]);
      await context.sendActivity('saved');
    }).use(preloadTurnMiddleware([conversation, user]));
    await adapter.send('hi').assertReply('saved');
    expect(storage.writes.map((keys) => keys.length)).toEqual([2, 1]);
  });

  it("starts each pause's lookup alongside the states' read, and the pause decides on that same lookup", async () => {
    const { storage, conversation, user } = twoStates();
    const events: string[] = [];
    const read = storage.read.bind(storage);
    storage.read = async (keys) => {
      events.push('states read started');
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('states read done');
      return read(keys);
    };
    const key = Symbol('paused');
    let lookups = 0;
    const lookup = (context: TurnContext) =>
      turnLookup(context, key, async () => {
        lookups++;
        events.push('pause lookup started');
        return context.activity.text === 'paused';
      });
    const pause: BotPause = { prefetch: (context) => void lookup(context), holdTurn: lookup };
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('bot answers');
    })
      .use(preloadTurnMiddleware([conversation, user], [pause]))
      .use(botPauseMiddleware([pause]));

    await adapter.send('hello').assertReply('bot answers');
    expect(events).toEqual(['pause lookup started', 'states read started', 'states read done']);
    expect(lookups).toBe(1);
    await adapter.send('paused').assertNoReply('the pause holds the turn', 50);
    expect(lookups).toBe(2);
  });

  it('hands a failed prefetched lookup to the pause that awaits it, and to nobody before', async () => {
    const context = new TurnContext(new TestAdapter(), { type: 'message', text: 'hi' });
    const key = Symbol('failing');
    const failing = turnLookup(context, key, () => Promise.reject(new Error('database down')));
    // Nobody awaits it for a while (the states are being read). Were its rejection unhandled
    // meanwhile, Jest would fail this test on it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(turnLookup(context, key, () => Promise.resolve('asked again'))).rejects.toThrow('database down');
    expect(turnLookup(context, key, () => Promise.resolve('asked again'))).toBe(failing);
  });
});
