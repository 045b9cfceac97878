/**
 * `npm run test:instances`: three instances of the service on one PostgreSQL (different ports, all
 * started at once), each person's webhooks spread over them. Checks: migrations applied once,
 * every person's replies in the order of their messages, no reply twice.
 */
import pg from 'pg';
import { createScratchDatabase, serviceEnv, startProcess, type ServiceProcess } from '../bench/serviceProcess.js';
import { startStubPlatform } from '../bench/stubPlatform.js';
import { readMigrationFiles } from '../../src/store/migrations.js';
import { deliverMessengerWebhook, messengerTextBody } from './messengerWebhooks.js';
import { reportChecks, runScript, type Check } from '../support/reportChecks.js';

const PEOPLE = Number(process.env.INSTANCES_PEOPLE ?? 200);
const MESSAGES = ['hi', 'English', 'tiếng việt'];
/** What each person must receive, in this order, for the three messages above. */
const EXPECTED = [
  'Xin chào! Mình là trợ lý tự động (không phải người thật) của mạng lưới phòng, chống bạo lực gia đình. Bạn không cần cho biết tên hay số điện thoại.',
  'Đây không phải dịch vụ cấp cứu. Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu).',
  'Bạn cần gì? Hãy chọn một mục bên dưới.',
  'I will speak English with you.',
  'What do you need? Please choose an option below.',
  'Mình sẽ nói tiếng Việt với bạn.',
  'Bạn cần gì? Hãy chọn một mục bên dưới.',
];

async function main(): Promise<void> {
  const stub = await startStubPlatform();
  const db = await createScratchDatabase('instances');
  const env = serviceEnv(db.url, stub.url, { REMINDERS_ENABLED: 'true' });
  const checks: Check[] = [];
  let instances: ServiceProcess[] = [];
  try {
    instances = await Promise.all([0, 1, 2].map(() => startProcess('src/main.ts', env, '/readyz')));
    let refused = 0;
    // Each person's messages one after another (a person writes, then writes again), people in
    // parallel, every message to the next instance in turn.
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, person) => {
        for (const [index, text] of MESSAGES.entries()) {
          const target = instances[(person + index) % instances.length]!;
          if (!(await deliverMessengerWebhook(target.url, messengerTextBody(`inst${person}`, `m_inst_${person}_${index}`, text)))) refused++;
        }
      }),
    );
    const deadline = Date.now() + 120_000;
    while (stub.total() < PEOPLE * EXPECTED.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    await client.end();
    const wrong = [...stub.texts.values()].filter((texts) => JSON.stringify(texts) !== JSON.stringify(EXPECTED)).length;
    console.log(`3 instances, ${PEOPLE} people × ${MESSAGES.length} messages, ${refused} refused, ${stub.total()} replies`);
    checks.push(['migrations applied once', rows.length === readMigrationFiles().length, `${rows.length} rows for ${readMigrationFiles().length} migrations`]);
    checks.push(['every person answered', stub.texts.size === PEOPLE && refused === 0, `${stub.texts.size} of ${PEOPLE}`]);
    checks.push(['replies in message order, none twice', wrong === 0 && stub.total() === PEOPLE * EXPECTED.length, `${wrong} people with another sequence`]);
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await db.drop();
    await stub.close();
  }
  reportChecks(checks);
}

runScript(main);
