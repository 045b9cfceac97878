/**
 * `npm run test:db-restart`: PostgreSQL is stopped and started again while webhooks keep coming.
 * Runs against a throw-away cluster of its own (initdb as the postgres user, another port), so the
 * machine's server is never touched. Checks: the service reports not-ready while the database is
 * down, recovers by itself, and every webhook it acknowledged is answered, once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { serviceEnv, startProcess } from '../bench/serviceProcess.js';
import { startStubPlatform } from '../bench/stubPlatform.js';
import { deliverMessengerWebhook, messengerTextBody } from './messengerWebhooks.js';
import { reportChecks, runScript, type Check } from '../support/reportChecks.js';

const PORT = Number(process.env.DB_RESTART_PORT ?? 5544);
const BIN = path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql')[0]!, 'bin');

function asPostgres(command: string, args: string[]): void {
  // initdb refuses to run as root; the cluster belongs to the postgres user.
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args], { stdio: 'ignore' });
}

async function readyStatus(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-restart-'));
  fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = path.join(dir, 'data');
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1`, ...args]);
  asPostgres('initdb', ['-A', 'trust', '-U', 'postgres', '-D', data]);
  ctl('start');
  const url = `postgresql://postgres@127.0.0.1:${PORT}/postgres`;
  const stub = await startStubPlatform();
  const service = await startProcess('src/main.ts', serviceEnv(url, stub.url), '/readyz');
  const checks: Check[] = [];
  try {
    const acknowledged = new Set<number>();
    const refused: number[] = [];
    const send = (i: number): Promise<boolean> => deliverMessengerWebhook(service.url, messengerTextBody(`db${i}`, `m_db_${i}`, 'xin chào'), 5000);
    const total = 300;
    let readyWhileDown = 0;
    let recoveredAfterMs = Number.NaN;
    for (let i = 0; i < total; i++) {
      if (i === 100) {
        ctl('stop', '-m', 'fast');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        readyWhileDown = await readyStatus(service.url);
      }
      if (i === 150) {
        ctl('start');
        const started = Date.now();
        while ((await readyStatus(service.url)) !== 200 && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
        recoveredAfterMs = Date.now() - started;
      }
      if (await send(i)) acknowledged.add(i);
      else refused.push(i);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Meta delivers again what it did not see acknowledged.
    for (const i of refused) if (await send(i)) acknowledged.add(i);
    const deadline = Date.now() + 120_000;
    while (stub.total() < acknowledged.size * 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perPerson = [...stub.texts.values()];
    console.log(`${total} webhooks, ${refused.length} refused while the database was down and delivered again, ready answered ${readyWhileDown} while down, ready again ${recoveredAfterMs} ms after the restart, ${stub.total()} replies`);
    checks.push(['not ready while the database is down', readyWhileDown === 503, `/readyz ${readyWhileDown}`]);
    checks.push(['ready again by itself after the restart', recoveredAfterMs < 60_000, `${recoveredAfterMs} ms`]);
    checks.push(['every acknowledged webhook answered', acknowledged.size === total && stub.texts.size === total, `${stub.texts.size} of ${acknowledged.size} people answered`]);
    // A reply sent just as the database went away cannot be recorded as sent, so it goes again once
    // the database is back (the platforms have no idempotency key): right after itself, never out
    // of order, and only for what was on the wire then.
    const distinct = perPerson.map((texts) => texts.filter((text, i) => text !== texts[i - 1]));
    const repeats = perPerson.reduce((sum, texts, i) => sum + texts.length - distinct[i]!.length, 0);
    checks.push(['each answer once and in order, but for a repeat of one on the wire when the database went', distinct.every((texts) => texts.length === 3) && repeats <= 64, `${distinct.filter((t) => t.length !== 3).length} people with another sequence, ${repeats} repeated (≤ 64)`]);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query<{ n: string }>("SELECT count(*) AS n FROM inbound_event WHERE status <> 'done'");
    await check.end();
    checks.push(['no event left unprocessed', Number(rows[0]!.n) === 0, `${rows[0]!.n} left`]);
  } finally {
    await service.stop();
    await stub.close();
    try {
      ctl('stop', '-m', 'immediate');
    } catch {
      // Already stopped.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  reportChecks(checks);
}

runScript(main);
