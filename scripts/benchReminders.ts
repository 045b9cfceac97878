/**
 * `npm run bench:reminders`: 3,000 clubs × 33 subscribers whose meeting's 2-hour reminder is due,
 * materialised by the scheduler and sent through the outbox to a local stub of the Messenger Send
 * API (127.0.0.1 only). Checks that every person got exactly one message, prints the figures and
 * writes them to docs/benchmarks-reminders.md. Stops by itself (gives up after 180 s).
 *
 * Database: BENCH_DATABASE_URL, else a fresh `bench_reminders` database on the local server.
 */
import fs from 'node:fs';
import pg from 'pg';
import { ChannelUsers } from '../src/conversations/ChannelUsers.js';
import { parseKeyList } from '../src/crypto/loadSecretBox.js';
import { SecretBox } from '../src/crypto/SecretBox.js';
import { projectPath } from '../src/projectRoot.js';
import { formatTimeOfDay, toLocal } from '../src/reminders/localTime.js';
import { openDatabase } from '../src/store/Database.js';
import { applyMigrations } from '../src/store/migrations.js';
import type { ReminderSenderResult } from './bench/reminderSender.js';
import { BENCH_ENCRYPTION_KEY, spawnScript } from './bench/serviceProcess.js';
import { startStubPlatform } from './bench/stubPlatform.js';

const CLUBS = Number(process.env.BENCH_CLUBS ?? 3000);
const MEMBERS = 33;
const GIVE_UP_MS = 180_000;
const CONCURRENCY = 128;
const POOL = 20;

async function freshDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench_reminders');
  await admin.query('CREATE DATABASE bench_reminders');
  await admin.end();
  return 'postgresql://postgres@127.0.0.1:5432/bench_reminders';
}

/** The figures of one run: the table's rows and the headline numbers for `npm run bench`. */
export interface ReminderBenchmark {
  readonly rows: readonly [string, string][];
  readonly messages: number;
  readonly sentMs: number;
  readonly peakRssMb: number;
  readonly exactlyOnce: boolean;
}

/** Seeds the clubs, runs the sending side in its own process, and checks what the stub received. */
export async function runReminderBenchmark(): Promise<ReminderBenchmark> {
  const databaseUrl = await freshDatabase();
  const db = await openDatabase({ url: databaseUrl, poolSize: 4 });
  await applyMigrations(db.sql);
  const { keys, currentKeyId } = parseKeyList(BENCH_ENCRYPTION_KEY);
  const secretBox = new SecretBox(keys, currentKeyId);
  const channelUsers = new ChannelUsers(db.sql, secretBox);
  const stub = await startStubPlatform();

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

  // The sending side runs alone in its own process: its memory is the figure that counts.
  const sender = spawnScript(
    'scripts/bench/reminderSender.ts',
    {
      DATABASE_URL: databaseUrl,
      DATA_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
      MESSENGER_API_URL: `${stub.url}/v21.0`,
      DUE_AT: new Date(meetingAt.getTime() - 2 * 3_600_000 + 1000).toISOString(),
      OUTBOX_CONCURRENCY: String(CONCURRENCY),
      DATABASE_POOL_SIZE: String(POOL),
    },
    'pipe',
  );
  let output = '';
  sender.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timeout = setTimeout(() => sender.child.kill('SIGKILL'), GIVE_UP_MS);
  const code = await sender.exited;
  clearTimeout(timeout);
  if (code !== 0) throw new Error(`the reminder sender exited with ${code}`);
  const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ReminderSenderResult;

  const expected = CLUBS * MEMBERS;
  const total = stub.total();
  const duplicates = [...stub.arrivals.values()].filter((times) => times.length > 1).length;
  const statuses = await db.sql.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM outbox_message GROUP BY status ORDER BY status');
  const peakRssMb = sender.peakRssMb();
  const sentMs = result.drainedMs;
  const exactlyOnce = stub.arrivals.size === expected && duplicates === 0 && total === expected && result.secondTick.remindersCreated === 0 && result.secondTick.enqueued === 0;
  const rows: [string, string][] = [
    ['clubs × subscribers', `${CLUBS} × ${MEMBERS} = ${expected}`],
    ['seeding (not timed)', `${(seedMs / 1000).toFixed(1)} s`],
    ['reminders materialised', String(result.remindersCreated)],
    ['materialised + handed to the outbox', `${(result.materialisedMs / 1000).toFixed(1)} s`],
    ['all sent to the stub', `${(sentMs / 1000).toFixed(1)} s (${Math.round(total / (sentMs / 1000))} msg/s)`],
    ['messages received / distinct people / duplicates', `${total} / ${stub.arrivals.size} / ${duplicates}`],
    ['second tick created / enqueued', `${result.secondTick.remindersCreated} / ${result.secondTick.enqueued}`],
    ['outbox status', statuses.map((s) => `${s.status} ${s.n}`).join(', ')],
    ['peak RSS of the sending process', `${peakRssMb} MB`],
    ['exactly once', exactlyOnce ? 'yes' : 'NO'],
    ['target', '< 60 s, < 300 MB'],
  ];
  await stub.close();
  await db.close();
  return { rows, messages: total, sentMs, peakRssMb, exactlyOnce };
}

async function main(): Promise<void> {
  const result = await runReminderBenchmark();
  const table = ['| measure | value |', '|---|---|', ...result.rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  console.log(table);
  const doc = `# Reminder benchmark

\`npm run bench:reminders\` on this 2-core machine, PostgreSQL 15 on 127.0.0.1, Node ${process.version},
${new Date().toISOString().slice(0, 10)}. ${CLUBS} clubs × ${MEMBERS} subscribers whose meeting's 2-hour reminder is due;
one scheduler tick materialises them (the 3-day round finds nobody: they subscribed after it was due) and
hands them to the outbox; the outbox worker (concurrency ${CONCURRENCY}, pool ${POOL}) sends them through
MessengerSender to a local stub of the Send API. The scheduler and the worker run in a process of their
own (scripts/bench/reminderSender.ts, under tsx), whose memory is measured; seeding and the stub run in
the benchmark's process. Timed from the tick until the outbox is empty (every message answered by the stub).

${table}
`;
  fs.writeFileSync(projectPath('docs', 'benchmarks-reminders.md'), doc);
  process.exit(result.exactlyOnce && result.sentMs < 60_000 && result.peakRssMb < 300 ? 0 : 1);
}

// Run as `npm run bench:reminders`; `npm run bench` imports runReminderBenchmark.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
