import { MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import type { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { createLogger } from '../../src/logger.js';
import type { Outbox, OutboxEntry } from '../../src/outbound/Outbox.js';
import { OutboxAdapter } from '../../src/outbound/OutboxAdapter.js';
import { OptimisticConversationState, saveStates } from '../../src/store/optimisticState.js';

/** An adapter whose platform message is the activity's text, on an outbox that records its calls. */
class TextAdapter extends OutboxAdapter {
  readonly typingShown: string[] = [];
  protected toPlatformMessages(activity: Partial<Activity>): unknown[] {
    return [{ text: activity.text }];
  }
  protected async sendTyping(platformUserId: string): Promise<void> {
    this.typingShown.push(platformUserId);
  }
}

function setup(): { adapter: TextAdapter; batches: OutboxEntry[][] } {
  const batches: OutboxEntry[][] = [];
  const outbox = { enqueue: async (entries: readonly OutboxEntry[]) => batches.push([...entries]) } as unknown as Outbox;
  const channelUsers = { idFor: (_channel: string, id: string) => `person-${id}` } as unknown as ChannelUsers;
  const adapter = new TextAdapter({ channel: 'test', outbox, channelUsers, logger: createLogger('silent') });
  return { adapter, batches };
}

const inbound: Partial<Activity> = { type: 'message', text: 'hi', channelId: 'test', from: { id: 'u1', name: '' }, conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' }, recipient: { id: 'bot', name: '' } };
const texts = (batch: OutboxEntry[] | undefined) => batch?.map((entry) => (entry.body as { text: string }).text);

describe('OutboxAdapter: the replies of an inbound turn', () => {
  it('stores a quick turn\'s replies together, in order, keyed by the inbound event', async () => {
    const { adapter, batches } = setup();
    await adapter.processInbound(inbound, 'mid-1', async (context: TurnContext) => {
      await context.sendActivity('one');
      await context.sendActivities([{ type: 'message', text: 'two' }, { type: 'typing' }, { type: 'message', text: 'three' }]);
    });
    expect(batches.map(texts)).toEqual([['one', 'two', 'three']]);
    expect(batches[0]!.map((entry) => entry.dedupeKey)).toEqual(['test:in:mid-1:0', 'test:in:mid-1:1', 'test:in:mid-1:2']);
    expect(batches[0]![0]!.laneKey).toBe('person-u1');
  });

  it("stores what the turn said before the turn's state, so a turn run again after a crash says the same", async () => {
    const { adapter, batches } = setup();
    const repliesStoredAtStateWrite: (string[] | undefined)[] = [];
    const storage = new MemoryStorage();
    const write = storage.write.bind(storage);
    storage.write = async (changes) => {
      repliesStoredAtStateWrite.push(...batches.map(texts));
      return write(changes);
    };
    const conversation = new OptimisticConversationState(storage, (channel, id) => `pseudonym-${channel}-${id}`);
    const step = conversation.createProperty<number>('step');
    await adapter.processInbound(inbound, 'mid-3', async (context: TurnContext) => {
      await context.sendActivity('greeting');
      await context.sendActivity('menu');
      await step.set(context, 1);
      await saveStates(context, [conversation]);
    });
    expect(repliesStoredAtStateWrite).toEqual([['greeting', 'menu']]);
    expect(batches.map(texts)).toEqual([['greeting', 'menu']]);
  });

  it('does not hold what a slow turn said early until the turn ends', async () => {
    const { adapter, batches } = setup();
    let storedDuringTurn: string[][] = [];
    await adapter.processInbound(inbound, 'mid-2', async (context: TurnContext) => {
      await context.sendActivity('emergency numbers');
      await new Promise((resolve) => setTimeout(resolve, 80));
      storedDuringTurn = batches.map((batch) => texts(batch)!);
      await context.sendActivity('the rest');
    });
    expect(storedDuringTurn).toEqual([['emergency numbers']]);
    expect(batches.map(texts)).toEqual([['emergency numbers'], ['the rest']]);
  });

  it('shows the typing indicator only when a turn keeps the person waiting', async () => {
    const { adapter } = setup();
    await adapter.processInbound(inbound, 'mid-4', async (context: TurnContext) => {
      await context.sendActivity('quick');
    });
    expect(adapter.typingShown).toEqual([]);
    await adapter.processInbound(inbound, 'mid-5', async (context: TurnContext) => {
      await new Promise((resolve) => setTimeout(resolve, 650));
      await context.sendActivity('slow');
    });
    expect(adapter.typingShown).toEqual(['u1']);
  });

  it('keeps what a failing turn said before it failed, and fails the turn', async () => {
    const { adapter, batches } = setup();
    const run = adapter.processInbound(inbound, 'mid-3', async (context: TurnContext) => {
      await context.sendActivity('first');
      throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(batches.map(texts)).toEqual([['first']]);
  });
});
