import type { TurnContext } from 'botbuilder';
import type { InboundProcessor } from '../../intake/createIntakeWorker.js';
import type { StoredInboundEvent } from '../../intake/InboundEvents.js';
import { convertMessengerEventToActivity } from './convertMessengerEventToActivity.js';
import type { MessengerAdapter } from './MessengerAdapter.js';
import { messengerEventSchema } from './messengerSchemas.js';

/** Runs the bot on a stored Messenger event. */
export class MessengerProcessor implements InboundProcessor {
  constructor(
    private readonly adapter: MessengerAdapter,
    private readonly logic: (context: TurnContext) => Promise<void>,
  ) {}

  async process(stored: StoredInboundEvent): Promise<void> {
    const event = messengerEventSchema.parse(stored.event);
    await this.adapter.processInbound(convertMessengerEventToActivity(event), stored.dedupeKey, this.logic);
  }
}
