import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ChannelUsers } from '../conversations/ChannelUsers.js';
import { loadSecretBox } from '../crypto/loadSecretBox.js';
import { createLogger } from '../logger.js';
import { openPostgresPool } from '../store/openPostgresPool.js';
import { createChannelSenders } from './createChannelSenders.js';
import { Outbox } from './Outbox.js';
import type { FromOutboxThread, OutboxThreadData, ToOutboxThread } from './OutboxThread.js';

/**
 * Connections of the thread's own pool: one claim at a time, two group-committed settlements in
 * flight, and a spare for token refreshes and "is this person gone" reads.
 */
const OUTBOX_THREAD_POOL_SIZE = 8;

/**
 * The outbox thread's life: builds, from the service's configuration, what the outbox worker needs
 * (its own connection pool, keys, senders), runs the worker, and answers the main thread's wakes,
 * drains and stop. PostgreSQL is all it shares with the main thread, as with another instance.
 */
async function runOutboxThread(port: MessagePort, { config }: OutboxThreadData): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL).child({ thread: 'outbox' });
  if (!config.DATABASE_URL) throw new Error('the outbox thread needs DATABASE_URL (the embedded database lives in the main thread)');
  const db = openPostgresPool(config.DATABASE_URL, OUTBOX_THREAD_POOL_SIZE);
  const secretBox = loadSecretBox({ encryptionKey: config.DATA_ENCRYPTION_KEY, pseudonymKey: config.DATA_PSEUDONYM_KEY, dataDir: config.dataDir, logger });
  const { senders } = createChannelSenders(config, { sql: db.sql, secretBox, logger });
  const worker = new Outbox(db.sql, secretBox).createWorker({ senders, channelUsers: new ChannelUsers(db.sql, secretBox), logger, concurrency: config.OUTBOX_CONCURRENCY });
  const post = (message: FromOutboxThread): void => port.postMessage(message);
  port.on('message', (message: ToOutboxThread) => {
    switch (message.type) {
      case 'wake':
        worker.wake();
        return;
      case 'drain':
        // A drain that fails (the database gone) fails the caller, not the thread and its sends.
        void worker.drain(message.horizonMs).then(
          () => post({ type: 'drained', id: message.id, ok: true }),
          () => post({ type: 'drained', id: message.id, ok: false }),
        );
        return;
      case 'stop':
        void (async () => {
          await worker.stop();
          await db.close();
          // The main thread waits for the thread's exit, which closing the port allows.
          port.close();
        })();
        return;
    }
  });
  worker.start();
  post({ type: 'ready' });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  runOutboxThread(port, workerData as OutboxThreadData).catch((error: unknown) => {
    // A start-up failure (its configuration, say): no one's words are in it yet.
    port.postMessage({ type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' } satisfies FromOutboxThread);
    process.exit(1);
  });
}
