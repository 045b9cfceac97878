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
import { beforeStateSave } from '../store/optimisticState.js';
import type { Outbox, OutboxEntry } from './Outbox.js';

const TURN_KEY = Symbol('outboxTurnReplies');

/**
 * How long an inbound turn's replies may wait to be stored together. Most turns end well within it
 * and store all their replies with one statement; a turn that takes longer (a slow model call) has
 * what it said so far stored at this point, so nothing said early, such as emergency numbers,
 * waits for the end of a slow turn.
 */
const REPLY_BATCH_MS = 20;

/** How long a turn runs before the person sees the typing indicator. */
const TYPING_AFTER_MS = 500;

/**
 * The replies of one turn: their keys derive from the inbound event (so a re-run turn cannot send
 * them twice), and they are stored in batches, in order.
 */
class TurnReplies {
  private next = 0;
  private pending: OutboxEntry[] = [];
  private stored: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outbox: Outbox,
    private readonly key: string,
    /** Store at once, not in batches (proactive turns: nothing else will be said in them). */
    private readonly immediate: boolean,
  ) {}

  nextKey(): string {
    return `${this.key}:${this.next++}`;
  }

  async add(entries: OutboxEntry[]): Promise<void> {
    this.pending.push(...entries);
    if (this.immediate) return this.flush();
    // A failure here resurfaces from the turn's final flush, which fails the turn so it is retried.
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), REPLY_BATCH_MS);
  }

  /** Stores what is pending, after every earlier batch (one batch's failure fails the later ones). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length > 0) this.stored = this.stored.then(() => this.outbox.enqueue(batch));
    return this.stored.then(() => undefined);
  }
}

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
    const replies = new TurnReplies(this.deps.outbox, `${this.deps.channel}:in:${eventKey}`, false);
    context.turnState.set(TURN_KEY, replies);
    // What the turn said goes to the outbox before its state is saved (see beforeStateSave); it also
    // starts on its way to the person one round trip sooner.
    beforeStateSave(context, () => replies.flush());
    // Only a turn that keeps the person waiting shows "typing": a quick one's replies are on their
    // way before the indicator would be seen, and each indicator is a platform call.
    const platformUserId = activity.from?.id;
    const typing = platformUserId ? setTimeout(() => void this.sendTyping(platformUserId).catch(() => undefined), TYPING_AFTER_MS) : undefined;
    try {
      await this.runMiddleware(context, logic);
    } finally {
      clearTimeout(typing);
      // Also when the turn failed: what it said before failing stays said (and is not repeated
      // when the turn runs again, the keys being the same).
      await replies.flush();
    }
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    let turn = context.turnState.get(TURN_KEY) as TurnReplies | undefined;
    if (!turn) {
      turn = new TurnReplies(this.deps.outbox, `${this.deps.channel}:out:${randomUUID()}`, true);
      context.turnState.set(TURN_KEY, turn);
    }
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
        const dedupeKey = turn.nextKey();
        entries.push({ channel: this.deps.channel, laneKey, dedupeKey, purpose, body });
      }
      responses.push({ id: entries.at(-1)?.dedupeKey ?? '' });
    }
    await turn.add(entries);
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
