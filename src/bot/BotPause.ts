import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Something that can hold the bot back for a person: a conversation with a counselor (handoff), or
 * a Zalo OA admin answering by hand. Generic on purpose, so every channel's reason to stay silent
 * goes through the same place.
 */
export interface BotPause {
  /**
   * Looks at a turn before the bot. Returns true when it took the turn and the bot must not run;
   * false lets the bot run (it may still have prepared the turn, e.g. reset state after a pause).
   */
  holdTurn(context: TurnContext): Promise<boolean>;
}

/**
 * Runs the pauses in order; the first that holds the turn stops the bot. Installed after the
 * safety middleware, so a person in danger still gets the emergency numbers while the bot is paused.
 */
export function botPauseMiddleware(pauses: readonly BotPause[]): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      for (const pause of pauses) {
        if (await pause.holdTurn(context)) return;
      }
      await next();
    },
  };
}
