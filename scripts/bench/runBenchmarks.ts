/**
 * `npm run bench`: the service's throughput and latency against PostgreSQL on this machine, next to
 * two peers, printed as one table and written to docs/benchmarks.md. Load comes from this process
 * (autocannon for bursts, an evenly paced sender for paced runs) to services in their own
 * processes, on 127.0.0.1 only, bounded in time.
 */
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { evaluate, loadEvalSets } from '../../src/legal/evaluation.js';
import { LegalService } from '../../src/legal/LegalService.js';
import { projectPath } from '../../src/projectRoot.js';
import { runReminderBenchmark } from '../benchReminders.js';
import { pacedLoad, type LoadRequest } from './pacedLoad.js';
import { BENCH_APP_SECRET, createScratchDatabase, serviceEnv, startProcess } from './serviceProcess.js';
import { cpuMs, postgresCpuMs } from './processCpu.js';
import { startStubPlatform } from './stubPlatform.js';

interface Row {
  scenario: string;
  rate: number;
  unit: string;
  p50: number;
  p99: number;
  rssMb?: number;
  note?: string;
}

const CONNECTIONS = 50;
/** What `npm start` runs: the compiled service, no transpiler in the process. */
const SERVICE_ENTRY = 'dist/src/main.js';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** How long a paced first-contact row serves other people before its clock starts. */
const WARM_UP_SECONDS = 5;
/** People a first-contact burst row serves before its clock starts. */
const WARM_UP_BURST = 2_000;

function messengerBody(psid: string, mid: string, text: string): string {
  const now = Date.now();
  return JSON.stringify({
    object: 'page',
    entry: [{ id: 'PAGE', time: now, messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp: now, message: { mid, text } }] }],
  });
}

function signed(body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', BENCH_APP_SECRET).update(body).digest('hex')}` };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: CONNECTIONS, ...options });
}

async function benchBareRestify(): Promise<Row> {
  const peer = await startProcess('scripts/bench/peerBareRestify.ts', {});
  try {
    const result = await load({ url: `${peer.url}/hook`, method: 'POST', duration: DURATION_S, body: '{}', headers: { 'content-type': 'application/json' } });
    return { scenario: 'peer: bare restify route, 200', rate: result.requests.average, unit: 'req/s', p50: result.latency.p50, p99: result.latency.p99, rssMb: peer.peakRssMb() };
  } finally {
    await peer.stop();
  }
}

async function benchEchoBot(): Promise<Row> {
  const stub = await startStubPlatform();
  const peer = await startProcess('scripts/bench/peerEchoBot.ts', {});
  try {
    let n = 0;
    const result = await load({
      url: `${peer.url}/api/messages`,
      method: 'POST',
      duration: DURATION_S,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              type: 'message', id: `a${++n}`, text: 'hi', channelId: 'emulator', serviceUrl: stub.url,
              from: { id: `u${n % 10_000}` }, recipient: { id: 'bot' }, conversation: { id: `c${n % 10_000}` },
            }),
          }),
        },
      ],
    });
    return { scenario: 'peer: CloudAdapter echo bot, reply POSTed to a local serviceUrl', rate: result.requests.average, unit: 'turns/s', p50: result.latency.p50, p99: result.latency.p99, rssMb: peer.peakRssMb(), note: `${stub.total()} replies received` };
  } finally {
    await peer.stop();
    await stub.close();
  }
}

async function benchIntake(): Promise<Row> {
  const stub = await startStubPlatform();
  const db = await createScratchDatabase('bench_intake');
  // Web-only instance: the figure is what the webhook path itself sustains.
  const service = await startProcess(SERVICE_ENTRY, serviceEnv(db.url, stub.url, { WORKERS_ENABLED: 'false' }), '/readyz');
  try {
    let n = 0;
    const result = await load({
      url: `${service.url}/api/messenger`,
      method: 'POST',
      duration: DURATION_S,
      requests: [
        {
          setupRequest: (req) => {
            n++;
            const body = messengerBody(`u${n % 10_000}`, `m_${n}`, 'xin chào');
            return { ...req, body, headers: signed(body) };
          },
        },
      ],
    });
    const non2xx = result.non2xx + result.errors;
    return { scenario: 'ours: signed Messenger webhook stored and acknowledged', rate: result.requests.average, unit: 'webhooks/s', p50: result.latency.p50, p99: result.latency.p99, rssMb: service.peakRssMb(), note: `${non2xx} non-2xx/errors` };
  } finally {
    await service.stop();
    await db.drop();
    await stub.close();
  }
}

/** A full-turn scenario: who writes, how fast, and whether it is their first message. */
interface TurnScenario {
  readonly users: number;
  /** Webhooks per second, evenly spaced; without, as fast as 50 connections send them. */
  readonly rate?: number;
  /**
   * Each person has already been greeted (their first "xin chào" answered before the clock starts):
   * the measured turn loads their dialog state, answers with the menu again (one message) and saves
   * the state. Otherwise the measured turn is the first contact: three messages (greeting,
   * not-an-emergency line, menu).
   */
  readonly followUp?: boolean;
}

function signedWebhook(psid: string, mid: string): LoadRequest {
  const body = messengerBody(psid, mid, 'xin chào');
  return { body, headers: signed(body) };
}

/**
 * Full turns from distinct people, each measured from its webhook to the last reply of the turn
 * reaching the stub. With a rate, webhooks arrive evenly at that pace (the latency a steady load
 * sees); without, as fast as 50 connections send them (the most turns per second, with the
 * backlog that builds up showing in the latency).
 */
async function benchFullTurn({ users, rate, followUp = false }: TurnScenario): Promise<Row> {
  const stub = await startStubPlatform();
  const db = await createScratchDatabase('bench_turn');
  const service = await startProcess(SERVICE_ENTRY, serviceEnv(db.url, stub.url), '/readyz');
  const url = `${service.url}/api/messenger`;
  const replies = followUp ? 1 : 3;
  const people = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  const measured = people('user', users);
  // Until each of `who` has `count` replies since the stub's arrivals were last cleared (or two
  // minutes): a count per person, so a late or repeated reply to one cannot stand in for another's.
  const waitForReplies = async (who: readonly string[], count: number) => {
    const deadline = performance.now() + 120_000;
    const answered = () => who.every((psid) => (stub.arrivals.get(psid)?.length ?? 0) >= count);
    while (!answered() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  /** A "xin chào" webhook to each of `who` as fast as 50 connections send them. @returns the webhooks' p99. */
  const burst = async (who: readonly string[], make: (psid: string, i: number) => LoadRequest) => {
    let n = 0;
    return (await load({ url, method: 'POST', amount: who.length, requests: [{ setupRequest: (req) => ({ ...req, ...make(who[n]!, ++n) }) }] })).latency.p99;
  };
  /** The same at the scenario's pace, or as a burst without one. */
  const send = async (who: readonly string[], make: (psid: string, i: number) => LoadRequest) => {
    if (!rate) return burst(who, make);
    const paced = await pacedLoad(url, who.length, rate, (i) => make(who[i - 1]!, i), CONNECTIONS);
    return Math.round(percentile([...paced.latencies].sort((a, b) => a - b), 99));
  };
  try {
    // Before the clock starts. A follow-up's people are greeted once, so their state exists. A first
    // contact's row first serves other people for a while, at its pace: the measured turns then meet
    // the service as it runs (code compiled, connections open, caches warm), not a process that has
    // just started, whose first seconds are several times slower.
    const before = followUp ? measured : people('warm', rate ? rate * WARM_UP_SECONDS : WARM_UP_BURST);
    await (followUp ? burst : send)(before, (psid, i) => signedWebhook(psid, `first_${i}`));
    await waitForReplies(before, 3);
    stub.arrivals.clear();
    const sentAt = new Map<string, number>();
    const start = performance.now();
    const cpuBefore = { service: cpuMs(service.child.pid), postgres: postgresCpuMs() };
    const webhookP99 = await send(measured, (psid, i) => {
      sentAt.set(psid, performance.now());
      return signedWebhook(psid, `m_${i}`);
    });
    await waitForReplies(measured, replies);
    const serviceCpu = (cpuMs(service.child.pid) - cpuBefore.service) / users;
    const postgresCpu = (postgresCpuMs() - cpuBefore.postgres) / users;
    const end = Math.max(...[...stub.arrivals.values()].map((times) => times.at(-1) ?? 0));
    const latencyTo = (reply: number) => [...sentAt].map(([psid, at]) => (stub.arrivals.get(psid)?.[reply] ?? Infinity) - at).sort((a, b) => a - b);
    const latencies = latencyTo(replies - 1);
    const first = latencyTo(0);
    const complete = latencies.filter(Number.isFinite).length;
    const extra = [...stub.arrivals.values()].reduce((sum, times) => sum + Math.max(0, times.length - replies), 0);
    const turn = followUp ? 'follow-up turn (webhook → stored → dialog with its saved state → 1 Send API call)' : 'first contact (webhook → stored → dialog with new state → 3 Send API calls)';
    const warmedBy = followUp ? '' : `, measured after ${before.length.toLocaleString('en')} other first contacts${rate ? ' at the same pace' : ''}`;
    return {
      scenario: `ours: ${turn}, ${users} distinct users, ${rate ? `evenly paced at ${rate}/s` : 'as fast as they come'}${warmedBy}`,
      rate: complete / ((end - start) / 1000),
      unit: 'turns/s',
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      rssMb: service.peakRssMb(),
      note: `${complete}/${users} turns answered${extra > 0 ? ` (${extra} replies more than the turns send)` : ''}, webhook p99 ${webhookP99} ms, p50/p99 = webhook to last reply${replies > 1 ? ` (to the first Send API call: p50 ${Math.round(percentile(first, 50))}, p99 ${Math.round(percentile(first, 99))})` : ''}; CPU per turn: service ${serviceCpu.toFixed(2)} ms, PostgreSQL ${postgresCpu.toFixed(2)} ms`,
    };
  } finally {
    await service.stop();
    await db.drop();
    await stub.close();
  }
}

/** The legal retrieval of the legal dialog over the evaluation questions (in this process). */
async function benchLegal(): Promise<Row> {
  const report = await evaluate(LegalService.fromContent(), loadEvalSets());
  const all = report.groups[0]!;
  const meanMs = report.results.reduce((sum, result) => sum + result.ms, 0) / report.results.length;
  return {
    scenario: `ours: legal retrieval (LegalRetriever, ${all.n} evaluation questions, one core)`,
    rate: 1000 / meanMs,
    unit: 'questions/s',
    p50: Number(all.p50Ms.toFixed(2)),
    p99: Number(all.p99Ms.toFixed(2)),
    note: `Recall@1 ${all.recallAt1.toFixed(3)}, Recall@3 ${all.recallAt3.toFixed(3)} (npm run eval:legal)`,
  };
}

/** The reminder benchmark of `npm run bench:reminders`, as one row. */
async function benchReminders(): Promise<Row> {
  const run = await runReminderBenchmark();
  return {
    scenario: 'ours: club reminders materialised and sent (3,000 clubs × 33 members, one tick)',
    rate: run.messages / (run.sentMs / 1000),
    unit: 'reminders/s',
    p50: NaN,
    p99: NaN,
    rssMb: run.peakRssMb,
    note: `all ${run.messages} sent in ${(run.sentMs / 1000).toFixed(1)} s, exactly once: ${run.exactlyOnce ? 'yes' : 'NO'} (target < 60 s, < 300 MB)`,
  };
}

function table(rows: Row[], ratios: string[]): string {
  const lines = [
    '| scenario | rate | p50 ms | p99 ms | peak RSS MB | note |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${Math.round(r.rate).toLocaleString('en')} ${r.unit} | ${Number.isNaN(r.p50) ? '' : r.p50} | ${Number.isNaN(r.p99) ? '' : r.p99} | ${r.rssMb ?? ''} | ${r.note ?? ''} |`),
  ];
  return [...lines, '', ...ratios.map((ratio) => `- ${ratio}`)].join('\n');
}

/** Every scenario of the table, in its order, by the name `BENCH_ONLY` selects it with. */
function scenarios(): Array<[name: string, run: () => Promise<Row>]> {
  const users = Number(process.env.BENCH_USERS ?? 10_000);
  // At a pace this machine sustains: the latency a steady load sees.
  const steadyRate = Number(process.env.BENCH_STEADY_RATE ?? 300);
  const steadyUsers = Math.min(users, 6_000);
  return [
    ['bare', benchBareRestify],
    ['echo', benchEchoBot],
    ['intake', benchIntake],
    ['burst', () => benchFullTurn({ users })],
    ['burst-follow-up', () => benchFullTurn({ users, followUp: true })],
    // The echo bot again: this machine's speed drifts over minutes, and the ratios below use the
    // mean of the runs before and after ours.
    ['echo-after', async () => ({ ...(await benchEchoBot()), scenario: 'peer: the same echo bot again, after the two rows above' })],
    // At the target's pace.
    ['paced', () => benchFullTurn({ users, rate: 800 })],
    ['steady', () => benchFullTurn({ users: steadyUsers, rate: steadyRate })],
    ['steady-follow-up', () => benchFullTurn({ users: steadyUsers, rate: steadyRate, followUp: true })],
    ['legal', benchLegal],
    ['reminders', benchReminders],
  ];
}

/**
 * Runs every scenario and writes docs/benchmarks.md; with `BENCH_ONLY=name,name` (names from
 * {@link scenarios}) runs just those and only prints them, for comparing one change quickly.
 */
async function main(): Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: projectPath(), stdio: 'inherit' });
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const all = scenarios();
  const unknown = only?.filter((name) => !all.some(([known]) => known === name)) ?? [];
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: no scenario ${unknown.join(', ')} (known: ${all.map(([name]) => name).join(', ')})`);
  const rows = new Map<string, Row>();
  for (const [name, run] of all) if (!only || only.includes(name)) rows.set(name, await run());
  if (only) {
    console.log(table([...rows.values()], []));
    return;
  }
  const row = (name: string) => rows.get(name)!;
  const echo = (row('echo').rate + row('echo-after').rate) / 2;
  const ratios = [
    `intake / bare restify: ${(row('intake').rate / row('bare').rate).toFixed(3)}`,
    `full turn / echo bot (the mean of its two runs, ${Math.round(echo)} turns/s): first contact ${(row('burst').rate / echo).toFixed(2)}, follow-up (one reply, as the echo bot) ${(row('burst-follow-up').rate / echo).toFixed(2)} (target ≥ 0.5)`,
    `targets: intake ≥ 3,000/s with p99 ≤ 50 ms; full turns ≥ 800/s with p99 ≤ 300 ms; RSS ≤ 300 MB; reminders: 100,000 in < 60 s, < 300 MB`,
  ];
  const output = table([...rows.values()], ratios);
  console.log(output);
  const header = `# Benchmarks\n\nOne run of \`npm run bench\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL on 127.0.0.1, ${CONNECTIONS} connections, ${DURATION_S} s per timed scenario, ${new Date().toISOString().slice(0, 10)}. Our service runs compiled (\`${SERVICE_ENTRY}\`, as \`npm start\` runs it) with its default settings; each service and peer in its own process, load from this one (bursts: autocannon; paced rows: requests evenly spaced). First-contact rows start their clock after other people's first contacts (${WARM_UP_SECONDS} s at the row's pace, or ${WARM_UP_BURST.toLocaleString('en')} as a burst): they measure a running service, not a process that has just started, whose first seconds answer several times slower. This machine's speed drifts by up to twice over minutes and between days: the ratios to the peers are the figures to compare, not rows of different runs.\n\n`;
  fs.writeFileSync(projectPath('docs', 'benchmarks.md'), `${header}${output}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
