import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { loadSecretBox } from '../../src/crypto/loadSecretBox.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbound/Outbox.js';
import { OutboxThread } from '../../src/outbound/OutboxThread.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { openPostgresPool, type PostgresPool } from '../../src/store/openPostgresPool.js';
import { startGraphStub, type GraphStub } from '../support/graphStub.js';
import { TEST_DATABASE_URL } from '../support/testDatabase.js';

const ENCRYPTION_KEY = `k1:${randomBytes(32).toString('base64')}`;
const secretBox = loadSecretBox({ encryptionKey: ENCRYPTION_KEY, dataDir: '/nonexistent', logger: createLogger('silent') });

/** A database of its own (the thread connects by URL, without the schema the other tests use). */
async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `outbox_thread_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The service's configuration, as the thread gets it. */
function serviceConfig(databaseUrl: string, stub: GraphStub): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_ENCRYPTION_KEY: ENCRYPTION_KEY,
    MESSENGER_APP_SECRET: 'secret',
    MESSENGER_VERIFY_TOKEN: 'verify',
    MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
    MESSENGER_API_URL: stub.url,
    LOG_LEVEL: 'silent',
  });
}

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => { msg: string }[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', destination), lines: () => raw.map((line) => JSON.parse(line) as { msg: string }) };
}

/** Stores `texts` for each person as one turn's replies. */
async function enqueueReplies(sql: PostgresPool['sql'], outbox: Outbox, people: Record<string, string[]>): Promise<void> {
  const channelUsers = new ChannelUsers(sql, secretBox);
  for (const [psid, texts] of Object.entries(people)) {
    const laneKey = await channelUsers.touchInbound('messenger', psid, new Date());
    await outbox.enqueue(texts.map((text, i) => ({ channel: 'messenger', laneKey, dedupeKey: `test:${psid}:${i}`, purpose: 'reply' as const, body: { message: { text } } })));
  }
}

(TEST_DATABASE_URL ? describe : describe.skip)('OutboxThread (PostgreSQL)', () => {
  let stub: GraphStub;
  let database: { url: string; drop: () => Promise<void> };
  let pool: PostgresPool | undefined;
  let thread: OutboxThread | undefined;

  beforeEach(async () => {
    stub = await startGraphStub();
    database = await createDatabase();
  });

  afterEach(async () => {
    await thread?.stop();
    await pool?.close();
    await stub.close();
    await database.drop();
    thread = undefined;
    pool = undefined;
  });

  it("sends what the main thread stores from a thread of its own, once each and in each person's order, then stops", async () => {
    await admin(`CREATE DATABASE "${new URL(database.url).pathname.slice(1)}"`);
    pool = openPostgresPool(database.url, 4);
    await applyMigrations(pool.sql);
    const outbox = new Outbox(pool.sql, secretBox);
    thread = new OutboxThread({ outbox, logger: createLogger('silent'), config: serviceConfig(database.url, stub) });
    thread.start();

    await enqueueReplies(pool.sql, outbox, { PSID_A: ['a1', 'a2', 'a3'], PSID_B: ['b1', 'b2'] });
    await stub.waitFor(() => stub.sent.length === 5);
    await thread.drain();

    const textsTo = (psid: string) => stub.sent.filter((message) => message.recipient.id === psid).map((message) => message.message?.text);
    expect(textsTo('PSID_A')).toEqual(['a1', 'a2', 'a3']);
    expect(textsTo('PSID_B')).toEqual(['b1', 'b2']);
    const rows = await pool.sql.query<{ status: string; platform_message_id: string | null }>('SELECT status, platform_message_id FROM outbox_message');
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.status === 'sent' && row.platform_message_id?.startsWith('m_stub_'))).toBe(true);

    await thread.stop();
    await expect(thread.drain()).rejects.toThrow('the outbox thread is not running');
    // Stopped means stopped: a message stored now waits for the next start.
    await enqueueReplies(pool.sql, outbox, { PSID_C: ['c1'] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stub.sent).toHaveLength(5);
  });

  it('fails a drain the database cannot answer, and keeps the thread', async () => {
    await admin(`CREATE DATABASE "${new URL(database.url).pathname.slice(1)}"`);
    pool = openPostgresPool(database.url, 4);
    await applyMigrations(pool.sql);
    const { logger, lines } = capturingLogger();
    thread = new OutboxThread({ outbox: new Outbox(pool.sql, secretBox), logger, config: serviceConfig(database.url, stub) });
    thread.start();
    await thread.drain();
    await pool.close();
    pool = undefined;
    await database.drop();

    await expect(thread.drain()).rejects.toThrow('the outbox thread could not drain');
    expect(lines().map((line) => line.msg)).not.toContain('outbox thread ended; messages wait in the outbox until it is back');
  });

  it('starts the thread again when it ended, and then sends what waited', async () => {
    await admin(`CREATE DATABASE "${new URL(database.url).pathname.slice(1)}"`);
    pool = openPostgresPool(database.url, 4);
    await applyMigrations(pool.sql);
    const outbox = new Outbox(pool.sql, secretBox);
    await enqueueReplies(pool.sql, outbox, { PSID_LATE: ['still here'] });
    const { logger, lines } = capturingLogger();
    // Without a database URL the thread cannot start: it says why, ends, and is started again
    // later, with a copy of the configuration as it is then.
    const config: Config = { ...serviceConfig(database.url, stub), DATABASE_URL: undefined };
    thread = new OutboxThread({ outbox, logger, config });
    thread.start();
    await waitUntil(() => lines().some((line) => line.msg === 'outbox thread ended; messages wait in the outbox until it is back'));
    const failure = lines().find((line) => line.msg === 'outbox thread could not start') as { reason?: string } | undefined;
    expect(failure?.reason).toContain('DATABASE_URL');
    expect(stub.sent).toHaveLength(0);

    config.DATABASE_URL = database.url;
    const sent = await stub.waitFor((message) => message.recipient.id === 'PSID_LATE', 20_000);
    expect(sent.message?.text).toBe('still here');
    expect(lines().map((line) => line.msg)).toContain('outbox thread started');
  }, 30_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
