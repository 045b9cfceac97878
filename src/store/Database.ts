import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { openPostgresPool } from './openPostgresPool.js';

export type { PrismaClient } from '../generated/prisma/client.js';

/** A row as the raw SQL driver returns it. */
export type SqlRow = Record<string, unknown>;

/**
 * Raw SQL on the same database Prisma uses. Migrations, advisory locks and the hot paths (intake,
 * outbox claiming) need SQL that Prisma's query builder cannot express.
 */
export interface SqlExecutor {
  /** One parameterised statement. */
  query<T extends SqlRow = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements in one round trip, no parameters (migration scripts). */
  exec(script: string): Promise<void>;
  /**
   * Runs `work` on one connection inside BEGIN/COMMIT (ROLLBACK when it throws). The executor it
   * receives is bound to that connection.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** The database handle the composition root passes around. Only src/store builds one. */
export interface Database {
  readonly kind: 'postgresql' | 'pglite';
  readonly prisma: PrismaClient;
  readonly sql: SqlExecutor;
  /**
   * PostgreSQL LISTEN on a dedicated connection, so instances can tell each other about changes
   * (send with `SELECT pg_notify(channel, payload)`). Absent on PGlite, which has one process.
   * @returns a function that stops listening and gives the connection back.
   */
  readonly listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  /**
   * PGlite only: the whole data directory as an uncompressed tarball, the `pgliteImage` another
   * PGlite database starts from (the tests' migrated image).
   */
  readonly snapshot?: () => Promise<Blob>;
  /** Closes Prisma and the driver. Idempotent. */
  close(): Promise<void>;
}

/** Where the database lives: a PostgreSQL URL, or a PGlite folder (undefined = in memory). */
export type DatabaseLocation =
  | {
      url: string;
      poolSize?: number;
      /** A PostgreSQL schema other than `public` (tests isolate themselves this way). */
      schema?: string;
    }
  | {
      pgliteDir: string | undefined;
      /**
       * A data directory image (`PGlite.dumpDataDir`) to start from instead of an empty cluster:
       * tests start each database from one migrated image, four times faster than initdb.
       */
      pgliteImage?: Blob;
    };

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise embedded PGlite.
 * @param location - URL or PGlite folder (created if missing).
 */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if ('url' in location) {
    return openPostgres(location.url, location.poolSize ?? 10, location.schema);
  }
  return openPglite(location.pgliteDir, location.pgliteImage);
}

async function openPostgres(url: string, poolSize: number, schema: string | undefined): Promise<Database> {
  const { pool, sql, close } = openPostgresPool(url, poolSize, schema);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgresql',
    prisma,
    sql,
    listen: async (channel, onPayload) => {
      const quoted = `"${channel.replace(/"/g, '""')}"`;
      let client: pg.PoolClient | undefined;
      let stopped = false;
      // Holds one connection that LISTENs; when the server drops it (a restart), a new one is
      // opened and LISTENs again, so notifications resume by themselves.
      const connect = async (): Promise<void> => {
        while (!stopped) {
          try {
            const candidate = await pool.connect();
            candidate.on('notification', (message) => {
              if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
            });
            candidate.on('error', () => {
              if (client !== candidate) return;
              client = undefined;
              candidate.release(true);
              if (!stopped) void connect();
            });
            await candidate.query(`LISTEN ${quoted}`);
            client = candidate;
            return;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
      };
      await connect();
      return async () => {
        stopped = true;
        const current = client;
        client = undefined;
        if (!current) return;
        await current.query(`UNLISTEN ${quoted}`).catch(() => undefined);
        current.release();
      };
    },
    close: () =>
      (closed ??= (async () => {
        await prisma.$disconnect();
        await close();
      })()),
  };
}

async function openPglite(dir: string | undefined, image: Blob | undefined): Promise<Database> {
  if (dir) fs.mkdirSync(path.resolve(dir), { recursive: true });
  // Loaded only here: a service on PostgreSQL never needs the embedded engine (tens of MB).
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { PrismaPGlite } = require('pglite-prisma-adapter') as typeof import('pglite-prisma-adapter');
  const pglite = new PGlite({ dataDir: dir, ...(image ? { loadDataDir: image } : {}) });
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql = pgliteExecutor(pglite);
  let closed: Promise<void> | undefined;
  return {
    kind: 'pglite',
    prisma,
    sql,
    snapshot: () => pglite.dumpDataDir('none'),
    close: () =>
      (closed ??= (async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      })()),
  };
}

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function pgliteExecutor(db: PGlite, bound?: PgliteQueryable): SqlExecutor {
  const target = bound ?? db;
  return {
    query: async <T extends SqlRow>(text: string, params?: unknown[]) =>
      (await target.query<T>(text, params)).rows,
    exec: async (script) => {
      await target.exec(script);
    },
    // PGlite has one connection: its own transaction() serialises callers.
    transaction: async (work) =>
      bound ? work(pgliteExecutor(db, bound)) : db.transaction((tx) => work(pgliteExecutor(db, tx))),
  };
}
