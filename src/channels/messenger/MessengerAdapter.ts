import type { Activity } from 'botbuilder';
import { OutboxAdapter, type OutboxAdapterDeps } from '../../outbound/OutboxAdapter.js';
import { convertActivityToMessengerMessages } from './convertActivityToMessengerMessages.js';
import type { MessengerClient } from './MessengerClient.js';

/** The Messenger channel's botbuilder adapter: replies become Send API messages in the outbox. */
export class MessengerAdapter extends OutboxAdapter {
  constructor(
    deps: OutboxAdapterDeps,
    private readonly client: MessengerClient,
  ) {
    super(deps);
  }

  protected override toPlatformMessages(activity: Partial<Activity>): unknown[] {
    return convertActivityToMessengerMessages(activity);
  }

  protected override async sendTyping(platformUserId: string): Promise<void> {
    await this.client.send({ recipient: { id: platformUserId }, sender_action: 'typing_on' });
  }
}
