import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { projectPath } from '../../src/projectRoot.js';

/** The local PostgreSQL the benchmarks and chaos tests use (never a remote host). */
export const LOCAL_POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const BENCH_APP_SECRET = 'bench-app-secret';
export const BENCH_ENCRYPTION_KEY = `bench:${randomBytes(32).toString('base64')}`;

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Creates a throw-away database on the local server; returns its URL and a drop function. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: LOCAL_POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(LOCAL_POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: LOCAL_POSTGRES });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A service (ours or a peer) running as its own process. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Highest resident memory seen so far, in MB. */
  peakRssMb(): number;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The Node flags of package.json's `start` script (e.g. the heap limit), so benchmarks run the service as production does. */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** A TypeScript entry point running in its own Node process, its memory sampled. */
export interface ChildProcessRun {
  readonly child: ChildProcess;
  /** Highest resident memory seen so far, in MB. */
  peakRssMb(): number;
  /** Resolves with the exit code when the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Runs an entry point in its own Node process, sampling its resident memory from /proc every 100 ms.
 * A TypeScript one is transpiled by tsx at load time (the code then runs as plain JavaScript).
 */
export function spawnScript(entry: string, env: NodeJS.ProcessEnv, stdout: 'inherit' | 'pipe' = 'inherit'): ChildProcessRun {
  // Compiled JavaScript is what `npm start` runs: with its Node flags (the heap limit), no transpiler.
  const loader = entry.endsWith('.js') ? startFlags() : ['--require', 'tsx/cjs'];
  const child = spawn(process.execPath, [...loader, projectPath(entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // The process has gone.
    }
  }, 100);
  void exited.then(() => clearInterval(sampler));
  return { child, exited, peakRssMb: () => Math.round(peak) };
}

/**
 * Starts a TypeScript entry point in its own Node process and waits until `GET readyPath` answers 200.
 * Its memory is sampled from /proc every 100 ms.
 */
export async function startProcess(entry: string, env: NodeJS.ProcessEnv, readyPath = '/healthz'): Promise<ServiceProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const { child, exited, peakRssMb } = spawnScript(entry, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${entry} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    url,
    peakRssMb,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Environment for our service against a database, with Messenger pointed at a stub. */
export function serviceEnv(databaseUrl: string, stubUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    DATA_ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    MESSENGER_APP_SECRET: BENCH_APP_SECRET,
    MESSENGER_VERIFY_TOKEN: 'bench',
    MESSENGER_PAGE_ACCESS_TOKEN: 'bench-token',
    MESSENGER_API_URL: `${stubUrl}/v21.0`,
    ...extra,
  };
}
