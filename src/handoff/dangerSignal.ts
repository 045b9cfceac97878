import type { TurnContext } from 'botbuilder';

const DANGER_KEY = Symbol('handoffDanger');

/**
 * Marks this turn as a danger signal. The safety middleware (which runs before the handoff gate)
 * calls it when it interrupts for danger: a waiting person then moves to the top of the queue.
 */
export function markDanger(context: TurnContext): void {
  context.turnState.set(DANGER_KEY, true);
}

/** True when the safety middleware signalled danger on this turn. */
export function isDangerTurn(context: TurnContext): boolean {
  return context.turnState.get(DANGER_KEY) === true;
}
