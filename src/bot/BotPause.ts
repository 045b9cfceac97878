import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Something that can hold the bot back for a person: a conversation with a counselor (handoff), or
 * a Zalo OA admin answering by hand. Generic on purpose, so every channel's reason to stay silent
 * goes through the same place.
 */
export interface BotPause {
  /**
   * Starts the lookup {@link holdTurn} will need and returns at once: the turn's first middleware
   * calls it so that every pause's read travels to the database with the states' read instead of
   * after it. It must only read: it runs before the turn knows it will reach the pause (a middleware
   * before it may fail). Optional: holdTurn works without it (see {@link turnLookup}).
   */
  prefetch?(context: TurnContext): void;
  /**
   * Looks at a turn before the bot. Returns true when it took the turn and the bot must not run;
   * false lets the bot run (it may still have prepared the turn, e.g. reset state after a pause).
   */
  holdTurn(context: TurnContext): Promise<boolean>;
}

/**
 * The lookup of this turn under `key`: started by whoever asks first (a pause's prefetch or its
 * holdTurn), shared with whoever asks next, so it reaches the database once per turn.
 */
export function turnLookup<T>(context: TurnContext, key: symbol, start: () => Promise<T>): Promise<T> {
  let lookup = context.turnState.get(key) as Promise<T> | undefined;
  if (!lookup) {
    lookup = start();
    // A prefetched lookup that fails before anyone awaits it must not be an unhandled rejection;
    // whoever awaits it still gets the error.
    lookup.catch(() => undefined);
    context.turnState.set(key, lookup);
  }
  return lookup;
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
