import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { ChannelUsers } from '../conversations/ChannelUsers.js';
import type { Logger } from '../logger.js';

/**
 * Keeps the bot silent for a person while a human has their conversation ("bot paused for this
 * person": a Zalo OA admin answering from the OA console, later a counselor's handoff). Their
 * messages are received and stored as usual; the bot just does not answer them.
 */
export function botPauseMiddleware(channelUsers: ChannelUsers, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { type, channelId, from } = context.activity;
      if (type === ActivityTypes.Message && channelId && from?.id && (await channelUsers.isBotPaused(channelUsers.idFor(channelId, from.id)))) {
        logger.info({ channel: channelId }, 'bot paused for this person: turn skipped');
        return;
      }
      await next();
    },
  };
}
