/**
 * `npm run bench:reminders`: 3,000 clubs × 33 subscribers whose meeting's 2-hour reminder is due,
 * materialised by the scheduler and sent through the outbox to a local stub of the Messenger Send
 * API (127.0.0.1 only). Checks that every person got exactly one message, prints the figures and
 * writes them to docs/benchmarks-reminders.md. Stops by itself (gives up after 180 s).
 *
 * Database: BENCH_DATABASE_URL, else a fresh `bench_reminders` database on the local server.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { messengerReminderBodyBuilder } from '../src/channels/messenger/buildMessengerReminderBody.js';
import { MessengerClient } from '../src/channels/messenger/MessengerClient.js';
import { MessengerSender } from '../src/channels/messenger/MessengerSender.js';
import { ChannelUsers } from '../src/conversations/ChannelUsers.js';
import { SecretBox } from '../src/crypto/SecretBox.js';
import { createTexts } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import { Outbox } from '../src/outbound/Outbox.js';
import { projectPath } from '../src/projectRoot.js';
import { Clubs } from '../src/reminders/Clubs.js';
import { formatTimeOfDay, toLocal } from '../src/reminders/localTime.js';
import { ObservanceCalendar } from '../src/reminders/ObservanceCalendar.js';
import { parseReminderOffset } from '../src/reminders/reminderTimes.js';
import { ReminderScheduler } from '../src/reminders/ReminderScheduler.js';
import { openDatabase } from '../src/store/Database.js';
import { applyMigrations } from '../src/store/migrations.js';

const CLUBS = 3000;
const MEMBERS = 33;
const GIVE_UP_MS = 180_000;
const CONCURRENCY = 128;

async function freshDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench_reminders');
  await admin.query('CREATE DATABASE bench_reminders');
  await admin.end();
  return 'postgresql://postgres@127.0.0.1:5432/bench_reminders';
}

async function main(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const db = await openDatabase({ url: await freshDatabase(), poolSize: 20 });
  await applyMigrations(db.sql);
  const secretBox = new SecretBox(new Map([['bench', randomBytes(32)]]), 'bench');
  const channelUsers = new ChannelUsers(db.sql, secretBox);

  // The stub Send API: counts messages per recipient.
  const received = new Map<string, number>();
  let total = 0;
  const stub = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { recipient: { id: string }; message?: unknown };
      if (body.message) {
        received.set(body.recipient.id, (received.get(body.recipient.id) ?? 0) + 1);
        total++;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recipient_id: body.recipient.id, message_id: `m_${total}` }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', () => resolve()));
  const apiUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/v21.0`;

  // Seed: every club meets 2 h 30 s from now (local time), every member wrote today (window open).
  const seedStart = Date.now();
  const meetingAt = new Date(Math.ceil((Date.now() + 2 * 3_600_000 + 60_000) / 60_000) * 60_000);
  const local = toLocal(meetingAt);
  await db.sql.query(
    `INSERT INTO club (code, name, day_of_month, every_months, anchor_month, meeting_time, place)
     SELECT 'B' || lpad(i::text, 5, '0'), 'CLB ' || i, $1, 1, $2, $3, 'Nhà văn hoá' FROM generate_series(1, $4) AS i`,
    [local.date.day, `${local.date.year}-${String(local.date.month).padStart(2, '0')}`, formatTimeOfDay(local.minutes), CLUBS],
  );
  const clubIds = (await db.sql.query<{ id: number }>('SELECT id FROM club ORDER BY id')).map((row) => row.id);
  const seenAt = new Date(Date.now() - 60_000);
  for (let start = 0; start < clubIds.length; start += 100) {
    const ids: string[] = [];
    const sealed: string[] = [];
    const clubsOf: number[] = [];
    for (const clubId of clubIds.slice(start, start + 100)) {
      for (let m = 0; m < MEMBERS; m++) {
        const psid = `${clubId}-${m}`;
        const id = channelUsers.idFor('messenger', psid);
        ids.push(id);
        sealed.push(secretBox.seal(psid, `channel_user.platform_user_id:${id}`));
        clubsOf.push(clubId);
      }
    }
    await db.sql.query(
      `INSERT INTO channel_user (id, channel, platform_user_id, last_inbound_at) SELECT id, 'messenger', p, $3 FROM unnest($1::text[], $2::text[]) AS u(id, p)`,
      [ids, sealed, seenAt],
    );
    await db.sql.query(
      `INSERT INTO club_subscription (club_id, channel_user_id, channel, locale, created_at)
       SELECT c, id, 'messenger', 'vi', $3 FROM unnest($1::int[], $2::text[]) AS s(c, id)`,
      [clubsOf, ids, seenAt],
    );
  }
  const seedMs = Date.now() - seedStart;

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
    senders: new Map([['messenger', new MessengerSender(new MessengerClient(apiUrl, 'bench-token'), { humanAgentTag: false })]]),
    channelUsers,
    logger,
    concurrency: CONCURRENCY,
  });
  const expected = CLUBS * MEMBERS;
  const dueAt = new Date(meetingAt.getTime() - 2 * 3_600_000 + 1000);

  const t0 = Date.now();
  worker.start();
  const tick = await scheduler.tick(dueAt);
  const materialisedMs = Date.now() - t0;
  // A second instance's tick at the same minute must add nothing.
  const again = await scheduler.tick(dueAt);
  while (total < expected && Date.now() - t0 < GIVE_UP_MS) await new Promise((resolve) => setTimeout(resolve, 100));
  const sentMs = Date.now() - t0;
  await worker.stop();
  clearInterval(sampler);

  const duplicates = [...received.values()].filter((count) => count > 1).length;
  const statuses = await db.sql.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM outbox_message GROUP BY status ORDER BY status');
  const exactlyOnce = received.size === expected && duplicates === 0 && total === expected && again.remindersCreated === 0 && again.enqueued === 0;
  const rows: [string, string][] = [
    ['clubs × subscribers', `${CLUBS} × ${MEMBERS} = ${expected}`],
    ['seeding (not timed)', `${(seedMs / 1000).toFixed(1)} s`],
    ['reminders materialised', String(tick.remindersCreated)],
    ['materialised + handed to the outbox', `${(materialisedMs / 1000).toFixed(1)} s`],
    ['all sent to the stub', `${(sentMs / 1000).toFixed(1)} s (${Math.round(total / (sentMs / 1000))} msg/s)`],
    ['messages received / distinct people / duplicates', `${total} / ${received.size} / ${duplicates}`],
    ['second tick created / enqueued', `${again.remindersCreated} / ${again.enqueued}`],
    ['outbox status', statuses.map((s) => `${s.status} ${s.n}`).join(', ')],
    ['peak RSS', `${Math.round(peakRss / 1024 / 1024)} MB`],
    ['exactly once', exactlyOnce ? 'yes' : 'NO'],
    ['target', '< 60 s, < 300 MB'],
  ];
  const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  console.log(table);
  const doc = `# Reminder benchmark

\`npm run bench:reminders\` on this 2-core machine, PostgreSQL 15 on 127.0.0.1, Node ${process.version},
${new Date().toISOString().slice(0, 10)}. ${CLUBS} clubs × ${MEMBERS} subscribers whose meeting's 2-hour reminder is due;
one scheduler tick materialises them (the 3-day round finds nobody: they subscribed after it was due) and
hands them to the outbox; the outbox worker (concurrency ${CONCURRENCY}, pool 20) sends them through
MessengerSender to a local stub of the Send API. Timed from the tick to the last message received.

${table}
`;
  fs.writeFileSync(projectPath('docs', 'benchmarks-reminders.md'), doc);
  stub.close();
  await db.close();
  process.exit(exactlyOnce && sentMs < 60_000 && peakRss < 300 * 1024 * 1024 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
