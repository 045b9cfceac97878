/**
 * `npm run bench`: the service's throughput and latency against PostgreSQL on this machine, next to
 * two peers, printed as one table and written to docs/benchmarks.md. Load comes from this process
 * (autocannon) to services in their own processes, on 127.0.0.1 only, bounded in time.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { projectPath } from '../../src/projectRoot.js';
import { BENCH_APP_SECRET, createScratchDatabase, serviceEnv, startProcess } from './serviceProcess.js';
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
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

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
  const service = await startProcess('src/main.ts', serviceEnv(db.url, stub.url, { WORKERS_ENABLED: 'false' }), '/readyz');
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

async function benchFullTurn(users: number): Promise<Row> {
  const stub = await startStubPlatform();
  const db = await createScratchDatabase('bench_turn');
  const service = await startProcess('src/main.ts', serviceEnv(db.url, stub.url), '/readyz');
  try {
    const sentAt = new Map<string, number>();
    let n = 0;
    const start = performance.now();
    const result = await load({
      url: `${service.url}/api/messenger`,
      method: 'POST',
      amount: users,
      requests: [
        {
          setupRequest: (req) => {
            const psid = `user${++n}`;
            const body = messengerBody(psid, `m_${n}`, 'xin chào');
            sentAt.set(psid, performance.now());
            return { ...req, body, headers: signed(body) };
          },
        },
      ],
    });
    // Each first "xin chào" gets three messages: greeting, not-an-emergency line, menu.
    const deadline = performance.now() + 120_000;
    while (stub.total() < users * 3 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const end = Math.max(...[...stub.arrivals.values()].map((times) => times.at(-1) ?? 0));
    const latencies = [...sentAt].map(([psid, at]) => (stub.arrivals.get(psid)?.[2] ?? Infinity) - at).sort((a, b) => a - b);
    const complete = latencies.filter(Number.isFinite).length;
    return {
      scenario: `ours: full turn (webhook → stored → dialog with state → 3 Send API calls), ${users} distinct users`,
      rate: complete / ((end - start) / 1000),
      unit: 'turns/s',
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      rssMb: service.peakRssMb(),
      note: `${complete}/${users} turns answered, webhook p99 ${result.latency.p99} ms, p99 = webhook to last reply`,
    };
  } finally {
    await service.stop();
    await db.drop();
    await stub.close();
  }
}

function table(rows: Row[], ratios: string[]): string {
  const lines = [
    '| scenario | rate | p50 ms | p99 ms | peak RSS MB | note |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${Math.round(r.rate).toLocaleString('en')} ${r.unit} | ${r.p50} | ${r.p99} | ${r.rssMb ?? ''} | ${r.note ?? ''} |`),
  ];
  return [...lines, '', ...ratios.map((ratio) => `- ${ratio}`)].join('\n');
}

async function main(): Promise<void> {
  const bare = await benchBareRestify();
  const echo = await benchEchoBot();
  const intake = await benchIntake();
  const turn = await benchFullTurn(Number(process.env.BENCH_USERS ?? 10_000));
  const ratios = [
    `intake / bare restify: ${(intake.rate / bare.rate).toFixed(3)}`,
    `full turn / echo bot: ${(turn.rate / echo.rate).toFixed(2)} (target ≥ 0.5)`,
    `targets: intake ≥ 3,000/s with p99 ≤ 50 ms; full turns ≥ 800/s with p99 ≤ 300 ms; RSS ≤ 300 MB`,
  ];
  const output = table([bare, echo, intake, turn], ratios);
  console.log(output);
  const header = `# Benchmarks\n\nOne run of \`npm run bench\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL on 127.0.0.1, ${CONNECTIONS} connections, ${DURATION_S} s per timed scenario, ${new Date().toISOString().slice(0, 10)}.\n\n`;
  fs.writeFileSync(projectPath('docs', 'benchmarks.md'), `${header}${output}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
