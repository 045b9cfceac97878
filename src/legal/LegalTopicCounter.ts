import type { Logger } from '../logger.js';
import { formatLocalDate, toLocal } from '../reminders/localTime.js';
import type { SqlExecutor } from '../store/Database.js';

/** The topic key of a question the legal dialog could not answer. */
export const UNANSWERED_TOPIC = 'unanswered';

/**
 * Counts the legal dialog's answers per local day and topic, for the "legal topics asked most"
 * statistics. De-identified by construction: no person, no question, only the day, the topic key
 * and a count.
 */
export class LegalTopicCounter {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly logger: Logger,
  ) {}

  /**
   * Adds one to today's count of `topic`. Never throws: a failed count must not cost the person
   * their answer.
   * @param topic - a topic card id, `article:<law id>#<number>`, or {@link UNANSWERED_TOPIC}.
   */
  async record(topic: string, now: Date = new Date()): Promise<void> {
    try {
      await this.sql.query(
        `INSERT INTO legal_topic_count (day, topic, count) VALUES ($1::date, $2, 1)
         ON CONFLICT (day, topic) DO UPDATE SET count = legal_topic_count.count + 1`,
        [formatLocalDate(toLocal(now).date), topic],
      );
    } catch (error) {
      this.logger.warn({ err: { type: (error as Error).name, message: (error as Error).message } }, 'legal topic count failed');
    }
  }
}
