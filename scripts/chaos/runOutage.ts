/**
 * `npm run test:outage`: the platform API fails for a while (default 60 s): 500s, 429 with
 * Retry-After, and calls that never answer (client timeout). Messages must wait in the outbox and
 * all arrive afterwards, once each, in order per person.
 */
import { createScratchDatabase, serviceEnv, startProcess } from '../bench/serviceProcess.js';
import { startStubPlatform } from '../bench/stubPlatform.js';
import { deliverMessengerWebhook, messengerTextBody } from './messengerWebhooks.js';
import { reportChecks, runScript, type Check } from '../support/reportChecks.js';

const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 60) * 1000;
const USERS = Number(process.env.OUTAGE_USERS ?? 200);

async function main(): Promise<void> {
  let outageEnds = Number.POSITIVE_INFINITY;
  const failures = { server: 0, rateLimited: 0, hung: 0 };
  const stub = await startStubPlatform({
    fail: (n) => {
      if (Date.now() >= outageEnds) return undefined;
      const mode = n % 3;
      if (mode === 0) return (failures.server++, { status: 500 });
      if (mode === 1) return (failures.rateLimited++, { status: 429, headers: { 'retry-after': '2' } });
      return (failures.hung++, { status: 0 });
    },
  });
  const db = await createScratchDatabase('outage');
  const service = await startProcess('src/main.ts', serviceEnv(db.url, stub.url), '/readyz');
  const checks: Check[] = [];
  try {
    outageEnds = Date.now() + OUTAGE_MS;
    for (let i = 0; i < USERS; i++) {
      if (!(await deliverMessengerWebhook(service.url, messengerTextBody(`out${i}`, `m_out_${i}`, 'xin chào')))) throw new Error('a webhook was refused');
    }
    const duringOutage = stub.total();
    // After the outage, retries (exponential backoff, capped) deliver everything.
    const deadline = outageEnds + 300_000;
    while (stub.total() < USERS * 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perPerson = [...stub.texts.values()];
    const inOrder = perPerson.every((texts) => texts.length === 3 && texts[0]!.startsWith('Xin chào') && texts[2] === 'Bạn cần gì? Hãy chọn một mục bên dưới.');
    console.log(`outage ${OUTAGE_MS / 1000} s: ${failures.server} × 500, ${failures.rateLimited} × 429, ${failures.hung} unanswered; ${duringOutage} delivered during it; ${stub.total()} in all`);
    checks.push(['nothing reached people during the outage', duringOutage === 0, `${duringOutage} delivered`]);
    checks.push(['every reply arrived after it', stub.total() >= USERS * 3 && stub.texts.size === USERS, `${stub.total()} of ${USERS * 3}`]);
    checks.push(['each reply once, in order per person', stub.total() === USERS * 3 && inOrder, inOrder ? 'greeting, notice, menu for everyone' : 'a person got another sequence']);
  } finally {
    await service.stop();
    await db.drop();
    await stub.close();
  }
  reportChecks(checks);
}

runScript(main);
