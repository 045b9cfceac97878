import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { Logger } from '../logger.js';
import type { BotPause } from './BotPause.js';

/**
 * Holds the bot back for a person while a human answers them outside the inbox (a Zalo OA admin
 * writing from the OA console pauses the bot for that person, `ChannelUsers.pauseBot`). Their
 * messages are still received and stored; the bot just does not answer them.
 */
export function adminReplyPause(channelUsers: ChannelUsers, logger: Logger): BotPause {
  return {
    async holdTurn(context: TurnContext): Promise<boolean> {
      const { type, channelId, from } = context.activity;
      if (type !== ActivityTypes.Message || !channelId || !from?.id) return false;
      if (!(await channelUsers.isBotPaused(channelUsers.idFor(channelId, from.id)))) return false;
      logger.info({ channel: channelId }, 'bot paused for this person: turn skipped');
      return true;
    },
  };
}
