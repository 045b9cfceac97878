import type { TurnContext } from 'botbuilder';
import type { ChannelUsers } from '../../conversations/ChannelUsers.js';
import type { InboundProcessor } from '../../intake/createIntakeWorker.js';
import type { StoredInboundEvent } from '../../intake/InboundEvents.js';
import { classifyZaloEvent } from './classifyZaloEvent.js';
import { convertZaloEventToActivity } from './convertZaloEventToActivity.js';
import type { ZaloAdapter } from './ZaloAdapter.js';
import { zaloEventSchema } from './zaloSchemas.js';

/**
 * Runs the bot on a stored Zalo event. An unfollow only records that the person left (no turn:
 * nothing can be said to them) and tells `onUnfollow` (reminders stop); a follow clears that mark
 * and starts with greeting and menu.
 */
export class ZaloProcessor implements InboundProcessor {
  constructor(
    private readonly adapter: ZaloAdapter,
    private readonly channelUsers: ChannelUsers,
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly onUnfollow: (channelUserId: string) => Promise<unknown> = async () => undefined,
  ) {}

  async process(stored: StoredInboundEvent): Promise<void> {
    const event = zaloEventSchema.parse(stored.event);
    const sorted = classifyZaloEvent(event);
    if (sorted.action !== 'store') return;
    if (event.event_name === 'unfollow') {
      await this.channelUsers.setOptedOut(stored.laneKey, new Date(Number(event.timestamp)));
      await this.onUnfollow(stored.laneKey);
      return;
    }
    if (event.event_name === 'follow') await this.channelUsers.setOptedOut(stored.laneKey, undefined);
    await this.adapter.processInbound(convertZaloEventToActivity(event, sorted.platformUserId), stored.dedupeKey, this.logic);
  }
}
