import type { Logger } from '../logger.js';
import { scheduleCron, type ScheduledCron } from '../scheduleCron.js';
import type { ReminderScheduler } from './ReminderScheduler.js';

/**
 * Ticks the scheduler at the start of every minute. Every instance ticks: exactly-once is decided
 * by PostgreSQL (unique keys, row claims), so no node-cron run coordinator is needed. A minute is
 * skipped while the previous tick still works through a large batch; a failed tick (the database
 * may be restarting) loses nothing, the next minute tries again.
 */
export function startReminderCron(scheduler: ReminderScheduler, logger: Logger): ScheduledCron {
  return scheduleCron({ name: 'reminders', schedule: '* * * * *', run: () => scheduler.tick(), failure: 'reminders tick failed', logger });
}
