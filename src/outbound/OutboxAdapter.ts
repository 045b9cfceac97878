import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { Logger } from '../logger.js';
import type { MessagePurpose } from './ChannelSender.js';
import type { Outbox, OutboxEntry } from './Outbox.js';

const TURN_KEY = Symbol('outboxTurnKey');

/** What an OutboxAdapter is built from. */
export interface OutboxAdapterDeps {
  readonly channel: string;
  readonly outbox: Outbox;
  readonly channelUsers: ChannelUsers;
  readonly logger: Logger;
}

/** channelData a sender may set on an activity to say why it goes out (default: a reply). */
export interface OutgoingChannelData {
  purpose?: MessagePurpose;
}

/**
 * A botbuilder adapter whose replies become outbox rows instead of HTTP calls: the platform
 * adapters (Messenger, Zalo) extend it with their converters. Replies to an inbound event are keyed
 * by that event, so a turn that runs again after a crash cannot send its replies twice.
 */
export abstract class OutboxAdapter extends BotAdapter {
  constructor(protected readonly deps: OutboxAdapterDeps) {
    super();
  }

  /** The platform request bodies (without recipient) for one outgoing message activity. */
  protected abstract toPlatformMessages(activity: Partial<Activity>): unknown[];

  /** Shows the platform's typing indicator; best effort, never queued. */
  protected abstract sendTyping(platformUserId: string): Promise<void>;

  /**
   * Runs the bot on an inbound activity built from a stored event.
   * @param eventKey - the stored event's dedupe key: the replies' keys derive from it.
   */
  async processInbound(activity: Partial<Activity>, eventKey: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(TURN_KEY, { key: `${this.deps.channel}:in:${eventKey}`, next: 0 });
    if (activity.from?.id) {
      void this.sendTyping(activity.from.id).catch(() => undefined);
    }
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const turn = (context.turnState.get(TURN_KEY) as { key: string; next: number } | undefined) ?? { key: `${this.deps.channel}:out:${randomUUID()}`, next: 0 };
    context.turnState.set(TURN_KEY, turn);
    const entries: OutboxEntry[] = [];
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const recipientId = activity.recipient?.id ?? context.activity.from?.id;
      if (activity.type !== ActivityTypes.Message || !recipientId) {
        // Traces, typing and delays have no place in a platform thread.
        responses.push({ id: '' });
        continue;
      }
      const laneKey = this.deps.channelUsers.idFor(this.deps.channel, recipientId);
      const purpose = (activity.channelData as OutgoingChannelData | undefined)?.purpose ?? 'reply';
      for (const body of this.toPlatformMessages(activity)) {
        const dedupeKey = `${turn.key}:${turn.next++}`;
        entries.push({ channel: this.deps.channel, laneKey, dedupeKey, purpose, body });
      }
      responses.push({ id: entries.at(-1)?.dedupeKey ?? '' });
    }
    await this.deps.outbox.enqueue(entries);
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error(`${this.deps.channel} messages cannot be edited`);
  }

  override async deleteActivity(): Promise<void> {
    throw new Error(`${this.deps.channel} messages cannot be deleted`);
  }

  /** Runs `logic` in a new turn addressed to the person of `reference` (counselor replies, reminders). */
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
