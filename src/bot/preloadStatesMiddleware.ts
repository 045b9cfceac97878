import { ActivityTypes, type BotState, type Middleware, type TurnContext } from 'botbuilder';
import { loadStates } from '../store/optimisticState.js';

/**
 * Loads a message turn's states together before the rest of the pipeline asks for them one by one:
 * one database read instead of one per state. Other turns (proactive sends, events) keep loading
 * lazily, since most of them never touch the state.
 */
export function preloadStatesMiddleware(states: readonly BotState[]): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type === ActivityTypes.Message) await loadStates(context, states);
      await next();
    },
  };
}
