import cron from 'node-cron';
import type { Logger } from '../logger.js';
import { VIETNAM_TIME_ZONE } from './localTime.js';
import type { ReminderScheduler } from './ReminderScheduler.js';

/** A running reminder cron. */
export interface ReminderCron {
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Ticks the scheduler at the start of every minute. Every instance ticks: exactly-once is decided
 * by PostgreSQL (unique keys, row claims), so no node-cron run coordinator is needed. `noOverlap`
 * skips a minute while the previous tick still works through a large batch.
 */
export function startReminderCron(scheduler: ReminderScheduler, logger: Logger): ReminderCron {
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    '* * * * *',
    () => {
      running = scheduler.tick().catch((error: unknown) => {
        // The database may be restarting: the next minute tries again, nothing is lost.
        logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'reminders tick failed');
      });
      return running;
    },
    { name: 'reminders', timezone: VIETNAM_TIME_ZONE, noOverlap: true },
  );
  return {
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}
