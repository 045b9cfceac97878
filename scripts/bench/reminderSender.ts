/**
 * The sending side of `npm run bench:reminders`, in a process of its own so its memory is measured
 * alone: one scheduler tick at DUE_AT materialises the due reminders and hands them to the outbox,
 * the outbox worker sends them to MESSENGER_API_URL (the benchmark's stub), and a second tick
 * must find nothing. Prints one JSON line with the figures.
 */
import { messengerReminderBodyBuilder } from '../../src/channels/messenger/buildMessengerReminderBody.js';
import { MessengerClient } from '../../src/channels/messenger/MessengerClient.js';
import { MessengerSender } from '../../src/channels/messenger/MessengerSender.js';
import { configSchema } from '../../src/config.js';
import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { parseKeyList } from '../../src/crypto/loadSecretBox.js';
import { SecretBox } from '../../src/crypto/SecretBox.js';
import { createTexts } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbound/Outbox.js';
import { Clubs } from '../../src/reminders/Clubs.js';
import { ObservanceCalendar } from '../../src/reminders/ObservanceCalendar.js';
import { parseReminderOffset } from '../../src/reminders/reminderTimes.js';
import { ReminderScheduler } from '../../src/reminders/ReminderScheduler.js';
import { openDatabase } from '../../src/store/Database.js';

/** What the sender reports back to the benchmark. */
export interface ReminderSenderResult {
  remindersCreated: number;
  enqueued: number;
  secondTick: { remindersCreated: number; enqueued: number };
  materialisedMs: number;
  drainedMs: number;
}

async function main(): Promise<void> {
  const env = process.env;
  const { keys, currentKeyId } = parseKeyList(env.DATA_ENCRYPTION_KEY ?? '');
  const secretBox = new SecretBox(keys, currentKeyId);
  // The service's own settings and defaults, so the benchmark sends as the service would.
  const concurrency = configSchema.shape.OUTBOX_CONCURRENCY.parse(env.OUTBOX_CONCURRENCY);
  const db = await openDatabase({ url: env.DATABASE_URL ?? '', poolSize: configSchema.shape.DATABASE_POOL_SIZE.parse(env.DATABASE_POOL_SIZE) });
  const logger = createLogger('warn');
  const outbox = new Outbox(db.sql, secretBox);
  const scheduler = new ReminderScheduler({
    sql: db.sql,
    clubs: new Clubs(db.sql, secretBox),
    outbox,
    texts: await createTexts(),
    calendar: ObservanceCalendar.load(),
    bodies: new Map([['messenger', messengerReminderBodyBuilder(undefined)]]),
    offsets: ['3d@19:00', '2h'].map(parseReminderOffset),
    quietHours: undefined,
    logger,
  });
  const worker = outbox.createWorker({
    senders: new Map([['messenger', new MessengerSender(new MessengerClient(env.MESSENGER_API_URL ?? '', 'bench-token'), { humanAgentTag: false })]]),
    channelUsers: new ChannelUsers(db.sql, secretBox),
    logger,
    concurrency,
  });
  const dueAt = new Date(env.DUE_AT ?? '');
  const t0 = performance.now();
  worker.start();
  const tick = await scheduler.tick(dueAt);
  const materialisedMs = performance.now() - t0;
  const again = await scheduler.tick(dueAt);
  await worker.drain(0);
  const drainedMs = performance.now() - t0;
  await worker.stop();
  await db.close();
  const result: ReminderSenderResult = {
    remindersCreated: tick.remindersCreated,
    enqueued: tick.enqueued,
    secondTick: { remindersCreated: again.remindersCreated, enqueued: again.enqueued },
    materialisedMs,
    drainedMs,
  };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
