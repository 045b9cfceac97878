/**
 * `npm run test:chaos`: 5,000 signed Messenger webhooks (10 % delivered twice, some out of order)
 * to the service running against PostgreSQL; the service is killed with SIGKILL in the middle and
 * started again. Webhooks that got no 200 are delivered again, as Meta does. Then it checks:
 * every event stored once and answered, replies in order per person, none lost; a reply may be
 * repeated only if it was on the wire at the moment of the kill (at-least-once delivery to the
 * platform, which has no idempotency key).
 */
import pg from 'pg';
import { parseKeyList } from '../../src/crypto/loadSecretBox.js';
import { SecretBox } from '../../src/crypto/SecretBox.js';
import { BENCH_ENCRYPTION_KEY, createScratchDatabase, serviceEnv, startProcess, type ServiceProcess } from '../bench/serviceProcess.js';
import { startStubPlatform } from '../bench/stubPlatform.js';
import { deliverMessengerWebhook, messengerTextBody } from './messengerWebhooks.js';
import { reportChecks, runScript, type Check } from '../support/reportChecks.js';

const USERS = Number(process.env.CHAOS_USERS ?? 500);
const PER_USER = Number(process.env.CHAOS_PER_USER ?? 10);
const CONCURRENCY = 16;
const TEXTS = ['hi', 'English', 'huong dan', 'tiếng việt', 'menu', 'xin chao', 'asdf', 'help', 'bắt đầu lại', 'English'];

interface Webhook {
  psid: string;
  mid: string;
  body: string;
}

function webhook(psid: string, mid: string, text: string, timestamp: number): Webhook {
  return { psid, mid, body: messengerTextBody(psid, mid, text, timestamp) };
}

async function main(): Promise<void> {
  const stub = await startStubPlatform();
  const db = await createScratchDatabase('chaos');
  const env = serviceEnv(db.url, stub.url, { WORKER_CONCURRENCY: String(CONCURRENCY), OUTBOX_CONCURRENCY: String(CONCURRENCY) });
  const checks: Check[] = [];
  let service: ServiceProcess | undefined;
  try {
    // The plan: each person's messages in order, interleaved across people, then disturbed.
    const now = Date.now();
    const perUser = Array.from({ length: USERS }, (_, u) =>
      Array.from({ length: PER_USER }, (_, i) => webhook(`chaos${u}`, `m_${u}_${i}`, TEXTS[i % TEXTS.length]!, now + i * 10)),
    );
    const plan: Webhook[] = [];
    for (let i = 0; i < PER_USER; i++) for (const hooks of perUser) plan.push(hooks[i]!);
    let swapped = 0;
    for (let i = 0; i + 1 < plan.length; i += 37) {
      [plan[i], plan[i + 1]] = [plan[i + 1]!, plan[i]!];
      swapped++;
    }
    const total = plan.length;
    for (let i = 0; i < total / 10; i++) {
      const original = plan[Math.floor(Math.random() * total)]!;
      plan.splice(Math.min(plan.length, Math.floor(Math.random() * plan.length) + 50), 0, original);
    }

    service = await startProcess('src/main.ts', env, '/readyz');
    const killAt = Math.floor(plan.length * 0.4);
    const unacked: Webhook[] = [];
    let next = 0;
    let killed = false;
    const sender = async () => {
      for (;;) {
        const index = next++;
        if (index >= plan.length) return;
        if (index === killAt && !killed) {
          killed = true;
          await service!.stop('SIGKILL');
          service = await startProcess('src/main.ts', env, '/readyz');
        }
        const hook = plan[index]!;
        if (!(await deliverMessengerWebhook(service!.url, hook.body))) unacked.push(hook);
      }
    };
    await Promise.all(Array.from({ length: 20 }, sender));
    // Meta delivers again what it did not see acknowledged.
    for (const hook of unacked) if (!(await deliverMessengerWebhook(service!.url, hook.body))) throw new Error('redelivery failed');

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const deadline = Date.now() + 180_000;
      for (;;) {
        const { rows } = await client.query<{ open: string }>(
          "SELECT (SELECT count(*) FROM inbound_event WHERE status IN ('pending','processing')) + (SELECT count(*) FROM outbox_message WHERE status IN ('pending','processing')) AS open",
        );
        if (Number(rows[0]!.open) === 0) break;
        if (Date.now() > deadline) throw new Error('the service did not settle in 3 minutes');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const box = (() => {
        const { keys, currentKeyId } = parseKeyList(BENCH_ENCRYPTION_KEY);
        return new SecretBox(keys, currentKeyId);
      })();
      const events = await client.query<{ dedupe_key: string; status: string; attempts: number }>('SELECT dedupe_key, status, attempts FROM inbound_event');
      // The intake keys each event by its person's pseudonym and the message id.
      const expectedMids = new Set(perUser.flat().map((h) => `${box.pseudonym('messenger', h.psid)}:mid:${h.mid}`));
      checks.push(['every event stored exactly once', events.rows.length === expectedMids.size && events.rows.every((r) => expectedMids.has(r.dedupe_key)), `${events.rows.length} rows for ${expectedMids.size} events`]);
      checks.push(['every event processed', events.rows.every((r) => r.status === 'done'), `${events.rows.filter((r) => r.status !== 'done').length} not done`]);
      const reRun = events.rows.filter((r) => r.attempts > 1).length;
      checks.push(['turns run again only if they were in hand at the kill', reRun <= CONCURRENCY, `${reRun} re-run (≤ ${CONCURRENCY})`]);

      const outbox = await client.query<{ lane_key: string; dedupe_key: string; payload: string; status: string }>('SELECT lane_key, dedupe_key, payload, status FROM outbox_message ORDER BY seq');
      checks.push(['every reply sent', outbox.rows.every((r) => r.status === 'sent'), `${outbox.rows.filter((r) => r.status !== 'sent').length} not sent`]);
      const answered = new Set(outbox.rows.map((r) => r.dedupe_key.replace(/^messenger:in:(.+):\d+$/, '$1')));
      checks.push(['every event answered', [...expectedMids].every((mid) => answered.has(mid)), `${[...expectedMids].filter((m) => !answered.has(m)).length} unanswered`]);

      const expectedTexts = new Map<string, string[]>();
      for (const row of outbox.rows) {
        const text = (box.openJson(row.payload, `outbox:${row.dedupe_key}`) as { message: { text: string } }).message.text;
        (expectedTexts.get(row.lane_key) ?? expectedTexts.set(row.lane_key, []).get(row.lane_key)!).push(text);
      }
      let duplicates = 0;
      let orderBroken = 0;
      for (const hooks of perUser) {
        const psid = hooks[0]!.psid;
        const received = stub.texts.get(psid) ?? [];
        const expected = expectedTexts.get(box.pseudonym('messenger', psid)) ?? [];
        // A message resent after the kill is still its person's head, so its repeat comes right after it.
        let j = 0;
        let broken = false;
        for (const text of received) {
          if (j < expected.length && text === expected[j]) j++;
          else if (j > 0 && text === expected[j - 1]) duplicates++;
          else broken = true;
        }
        if (broken || j !== expected.length) {
          orderBroken++;
          if (orderBroken <= 3) console.log(JSON.stringify({ psid, received, expected }));
        }
      }
      checks.push(['replies arrive in order per person, none lost', orderBroken === 0, `${orderBroken} people with a different sequence`]);
      checks.push(['a reply is repeated only if it was on the wire at the kill', duplicates <= CONCURRENCY, `${duplicates} repeated (≤ ${CONCURRENCY})`]);
      console.log(`${total} events, ${plan.length - total} duplicate deliveries, ${swapped} swapped pairs, ${unacked.length} redelivered after the kill, ${stub.total()} messages received`);
    } finally {
      await client.end();
    }
  } finally {
    await service?.stop();
    await db.drop();
    await stub.close();
  }
  reportChecks(checks);
}

runScript(main);
