import { Writable } from 'node:stream';
import { LegalTopicCounter, UNANSWERED_TOPIC } from '../../src/legal/LegalTopicCounter.js';
import { createLogger } from '../../src/logger.js';
import type { SqlExecutor } from '../../src/store/Database.js';
import { DATABASE_KINDS, freshDatabasePerTest } from '../support/testDatabase.js';

/** A logger whose lines land in `lines`. */
function capturingLogger(lines: string[]) {
  return createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
}

describe.each(DATABASE_KINDS)('LegalTopicCounter on %s', (kind) => {
  const database = freshDatabasePerTest(kind);
  let sql: SqlExecutor;
  beforeEach(() => {
    sql = database().db.sql;
  });

  it('counts answers per local day and topic', async () => {
    const counter = new LegalTopicCounter(sql, capturingLogger([]));
    // 23:59 and 00:00 in Vietnam (UTC+7): two local days.
    await counter.record('divorce-process', new Date('2026-03-01T16:59:00Z'));
    await counter.record('divorce-process', new Date('2026-03-01T03:00:00Z'));
    await counter.record('divorce-process', new Date('2026-03-01T17:00:00Z'));
    await counter.record('article:52/2014/QH13#8', new Date('2026-03-01T17:00:00Z'));
    await counter.record(UNANSWERED_TOPIC, new Date('2026-03-01T17:00:00Z'));
    expect(await sql.query(`SELECT day::text AS day, topic, count FROM legal_topic_count ORDER BY day, topic`)).toEqual([
      { day: '2026-03-01', topic: 'divorce-process', count: 2 },
      { day: '2026-03-02', topic: 'article:52/2014/QH13#8', count: 1 },
      { day: '2026-03-02', topic: 'divorce-process', count: 1 },
      { day: '2026-03-02', topic: UNANSWERED_TOPIC, count: 1 },
    ]);
  });

  it('has room for no person and no words: the table is the day, the topic key and a count', async () => {
    const columns = await sql.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'legal_topic_count' AND table_schema = current_schema() ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'count', data_type: 'integer' },
      { column_name: 'day', data_type: 'date' },
      { column_name: 'topic', data_type: 'text' },
    ]);
    // And what a count writes is only that: no user id, no question, no time of day.
    await new LegalTopicCounter(sql, capturingLogger([])).record('divorce-process', new Date('2026-03-01T03:04:05Z'));
    const [row] = await sql.query<Record<string, unknown>>(`SELECT day::text AS day, topic, count FROM legal_topic_count`);
    expect(row).toEqual({ day: '2026-03-01', topic: 'divorce-process', count: 1 });
  });

  it('never throws: a failed count is a warning, and the person still gets their answer', async () => {
    const lines: string[] = [];
    const failing = { query: () => Promise.reject(new Error('database restarting')) } as unknown as SqlExecutor;
    await expect(new LegalTopicCounter(failing, capturingLogger(lines)).record('divorce-process')).resolves.toBeUndefined();
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([expect.objectContaining({ level: 'warn', err: expect.objectContaining({ message: 'database restarting' }) })]);
    expect(lines.join('')).toContain('legal topic count failed');
  });
});
