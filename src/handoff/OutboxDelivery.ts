import { ActivityTypes } from 'botbuilder';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { MessagePurpose } from '../outbound/ChannelSender.js';
import type { OutboxAdapter, OutgoingChannelData } from '../outbound/OutboxAdapter.js';
import type { PersonDelivery } from './PersonDelivery.js';

/**
 * Reaches a person through their channel's {@link OutboxAdapter}: the channel's own converter
 * builds the platform body and its sender applies the window rules (Messenger HUMAN_AGENT for
 * purpose `agent`). Channels without an outbox (Bot Framework) cannot be reached outside a turn.
 */
export class OutboxDelivery implements PersonDelivery {
  constructor(
    private readonly adapters: ReadonlyMap<string, OutboxAdapter>,
    private readonly channelUsers: ChannelUsers,
  ) {}

  async send(to: { channel: string; personId: string }, text: string, purpose: MessagePurpose): Promise<string | undefined> {
    const adapter = this.adapters.get(to.channel);
    const person = adapter && (await this.channelUsers.find(to.personId));
    if (!adapter || !person) return undefined;
    let outboxKey: string | undefined;
    await adapter.continueConversation(
      {
        channelId: to.channel,
        user: { id: person.platformUserId, name: '' },
        bot: { id: '', name: '' },
        conversation: { id: person.platformUserId, isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: '',
      },
      async (context) => {
        const channelData: OutgoingChannelData = { purpose };
        outboxKey = (await context.sendActivity({ type: ActivityTypes.Message, text, channelData }))?.id;
      },
    );
    return outboxKey;
  }
}
