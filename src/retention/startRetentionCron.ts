import type { Logger } from '../logger.js';
import { scheduleCron, type ScheduledCron } from '../scheduleCron.js';
import type { RetentionJob } from './RetentionJob.js';

/**
 * Runs the retention job on `schedule` (RETENTION_CRON, local time in Vietnam; nightly by default).
 * Every instance has the schedule: the job's advisory lock lets one of them do the work, and the
 * others skip, so no node-cron run coordinator is needed. A failed run leaves nothing half-done
 * (one transaction); the next night tries again.
 */
export function startRetentionCron(job: RetentionJob, schedule: string, logger: Logger): ScheduledCron {
  return scheduleCron({
    name: 'retention',
    schedule,
    run: async () => logger.info({ removed: (await job.run()) ?? 'another instance' }, 'retention run'),
    failure: 'retention run failed',
    logger,
  });
}
