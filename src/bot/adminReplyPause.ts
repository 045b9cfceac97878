import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { Logger } from '../logger.js';
import { turnLookup, type BotPause } from './BotPause.js';

const PAUSED_KEY = Symbol('adminReplyPaused');

/**
 * Holds the bot back for a person while a human answers them outside the inbox (a Zalo OA admin
 * writing from the OA console pauses the bot for that person, `ChannelUsers.pauseBot`). Their
 * messages are still received and stored; the bot just does not answer them.
 */
export function adminReplyPause(channelUsers: ChannelUsers, logger: Logger): BotPause {
  /** Whether the bot is paused for the person of this message turn; undefined for other turns. */
  const paused = (context: TurnContext): Promise<boolean> | undefined => {
    const { type, channelId, from } = context.activity;
    if (type !== ActivityTypes.Message || !channelId || !from?.id) return undefined;
    return turnLookup(context, PAUSED_KEY, () => channelUsers.isBotPaused(channelUsers.idFor(channelId, from.id)));
  };
  return {
    prefetch(context: TurnContext): void {
      paused(context);
    },
    async holdTurn(context: TurnContext): Promise<boolean> {
      if (!(await paused(context))) return false;
      const { channelId } = context.activity;
      logger.info({ channel: channelId }, 'bot paused for this person: turn skipped');
      return true;
    },
  };
}
