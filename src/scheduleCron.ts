import cron from 'node-cron';
import type { Logger } from './logger.js';
import { VIETNAM_TIME_ZONE } from './reminders/localTime.js';

/** A running schedule. */
export interface ScheduledCron {
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `run` on a cron `schedule` in Vietnam's time zone. `noOverlap` skips a time while the run
 * before still works. A failed run is logged as `failure` and never stops the schedule: the next
 * time tries again.
 */
export function scheduleCron(options: { name: string; schedule: string; run: () => Promise<unknown>; failure: string; logger: Logger }): ScheduledCron {
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    options.schedule,
    () => {
      running = options.run().catch((error: unknown) => {
        options.logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, options.failure);
      });
      return running;
    },
    { name: options.name, timezone: VIETNAM_TIME_ZONE, noOverlap: true },
  );
  return {
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}
