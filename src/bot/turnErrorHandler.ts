import { randomUUID } from 'node:crypto';
import type { BotState, TurnContext } from 'botbuilder';
import type { Texts } from '../i18n.js';
import type { Logger } from '../logger.js';
import { turnLocale } from './turnLocale.js';

/**
 * The adapters' `onTurnError`: logs the error with a correlation id (never the user's words),
 * tells the user in their language that the bot starts again, and resets the dialog state so a
 * broken dialog cannot trap them.
 */
export function turnErrorHandler(deps: { texts: Texts; logger: Logger; conversationState: BotState }) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const correlationId = randomUUID();
    deps.logger.error(
      { correlationId, channel: context.activity.channelId, err: { type: error.name, message: error.message, stack: error.stack } },
      'turn failed',
    );
    try {
      await deps.conversationState.delete(context);
    } catch (resetError) {
      deps.logger.error({ correlationId, err: resetError }, 'could not reset conversation state');
    }
    try {
      await context.sendActivity(deps.texts.t(turnLocale(context))('turnError'));
    } catch (sendError) {
      deps.logger.error({ correlationId, err: sendError }, 'could not send the apology');
    }
  };
}
