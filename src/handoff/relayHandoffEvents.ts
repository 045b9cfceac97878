import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Database } from '../store/Database.js';
import type { HandoffEvent, HandoffEvents } from './HandoffEvents.js';

/** The PostgreSQL notification channel handoff changes travel on. */
export const HANDOFF_CHANNEL = 'handoff_events';

/**
 * Shares handoff changes between instances through PostgreSQL LISTEN/NOTIFY, so an inbox open on
 * one instance sees a person queued through another. On PGlite (one process) it does nothing.
 * Notifications carry ids only, like the events themselves.
 * @returns a function that stops the relay.
 */
export async function relayHandoffEvents(events: HandoffEvents, db: Database, logger: Logger): Promise<() => Promise<void>> {
  if (!db.listen) return async () => undefined;
  const instance = randomUUID();
  const stopListening = await db.listen(HANDOFF_CHANNEL, (payload) => {
    try {
      const message = JSON.parse(payload) as { from: string; event: HandoffEvent };
      // Our own notifications come back too; those were delivered here already.
      if (message.from !== instance) events.receive(message.event);
    } catch {
      logger.warn('ignored a malformed handoff notification');
    }
  });
  const unsubscribe = events.subscribeLocal((event) => {
    db.sql
      .query('SELECT pg_notify($1, $2)', [HANDOFF_CHANNEL, JSON.stringify({ from: instance, event })])
      .catch((error: unknown) => logger.error({ err: error }, 'could not relay a handoff event'));
  });
  return async () => {
    unsubscribe();
    await stopListening();
  };
}
