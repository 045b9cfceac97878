import cron from 'node-cron';
import type { Logger } from '../logger.js';
import { VIETNAM_TIME_ZONE } from '../reminders/localTime.js';
import type { RetentionJob } from './RetentionJob.js';

/** A running retention schedule. */
export interface RetentionCron {
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs the retention job on `schedule` (RETENTION_CRON, local time in Vietnam; nightly by default).
 * Every instance has the schedule: the job's advisory lock lets one of them do the work, and the
 * others skip, so no node-cron run coordinator is needed.
 */
export function startRetentionCron(job: RetentionJob, schedule: string, logger: Logger): RetentionCron {
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    schedule,
    () => {
      running = job.run().then(
        (removed) => logger.info({ removed: removed ?? 'another instance' }, 'retention run'),
        // The next night tries again; nothing half-done stays (one transaction).
        (error: unknown) => logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'retention run failed'),
      );
      return running;
    },
    { name: 'retention', timezone: VIETNAM_TIME_ZONE, noOverlap: true },
  );
  return {
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}
