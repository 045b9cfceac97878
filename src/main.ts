import path from 'node:path';
import type { Server } from 'restify';
import { createApp } from './app.js';
import { loadSecretBox } from './crypto/loadSecretBox.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createTexts } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { LegalTopicCounter } from './legal/LegalTopicCounter.js';
import { createLegalService, createMenu } from './menu.js';
import { seedDirectory } from './directory/seedDirectory.js';
import type { Outbox } from './outbound/Outbox.js';
import { OutboxThread } from './outbound/OutboxThread.js';
import { openDatabase, type Database } from './store/Database.js';
import { applyMigrations } from './store/migrations.js';
import { pseudonymiseBotStateKeys } from './store/pseudonymiseBotStateKeys.js';

/** A running service, as returned by {@link startService}. */
export interface RunningService {
  readonly server: Server;
  readonly db: Database;
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: config → database → services → bot → adapters → server.
 * @param config - parsed configuration.
 * @param logger - the service logger.
 */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const db = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
      : { pgliteDir: path.join(config.dataDir, 'pglite') },
  );
  const applied = await applyMigrations(db.sql);
  logger.info({ database: db.kind, applied }, 'database ready');

  const secretBox = loadSecretBox({
    encryptionKey: config.DATA_ENCRYPTION_KEY,
    pseudonymKey: config.DATA_PSEUDONYM_KEY,
    dataDir: config.dataDir,
    logger,
  });
  // Before any turn: states written by earlier versions under platform ids move to pseudonyms.
  const rekeyed = await pseudonymiseBotStateKeys(db.sql, (channel, platformId) => secretBox.pseudonym(channel, platformId));
  if (rekeyed > 0) logger.info({ states: rekeyed }, 'bot states moved to pseudonymous keys');
  const texts = await createTexts();
  // One legal service: the menu answers with it, the statistics name its topics.
  const legal = createLegalService(config, logger);
  const menu = createMenu({ config, texts, logger, legal, legalTopics: new LegalTopicCounter(db.sql, logger) });
  logger.info({ entries: menu.entries().map((entry) => entry.id), generativeLegalAnswers: Boolean(config.LLM_BASE_URL) }, 'features ready');
  // On PostgreSQL the sends run in a thread of their own, on the core the turns leave idle.
  const outboxWorker = config.OUTBOX_THREAD && db.kind === 'postgresql' ? (outbox: Outbox) => new OutboxThread({ outbox, logger, config }) : undefined;
  const app = createApp({ config, db, logger, texts, secretBox, menu, legal: legal.library, outboxWorker });
  // Seeds never overwrite what admins edited (content/directory/README.md).
  logger.info(await seedDirectory(app.directory), 'directory seeded');
  const { server } = app;
  if (config.WORKERS_ENABLED) app.startWorkers();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.HOST}:${typeof address === 'object' && address ? address.port : config.PORT}`;
  logger.info({ url }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // server.close stops accepting and resolves once in-flight requests (and their turns) end.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stopWorkers();
      await db.close();
    })());
  return { server, db, url, stop };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
