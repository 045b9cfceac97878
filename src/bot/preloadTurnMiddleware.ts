import { ActivityTypes, type BotState, type Middleware, type TurnContext } from 'botbuilder';
import { loadStates } from '../store/optimisticState.js';
import type { BotPause } from './BotPause.js';

/**
 * Starts a message turn's reads together before the rest of the pipeline asks for them one by one:
 * the states in one database read instead of one per state, and alongside it each pause's lookup
 * ({@link BotPause.prefetch}), so the turn waits for one round trip where it waited for one per
 * read. Other turns (proactive sends, events) keep loading lazily, since most of them never touch
 * the state.
 */
export function preloadTurnMiddleware(states: readonly BotState[], pauses: readonly BotPause[] = []): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type === ActivityTypes.Message) {
        for (const pause of pauses) pause.prefetch?.(context);
        await loadStates(context, states);
      }
      await next();
    },
  };
}
