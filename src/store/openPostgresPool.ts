import pg from 'pg';
import type { SqlExecutor, SqlRow } from './Database.js';

/** A PostgreSQL connection pool and raw SQL over it. */
export interface PostgresPool {
  readonly pool: pg.Pool;
  readonly sql: SqlExecutor;
  /** Closes every connection; never throws. */
  close(): Promise<void>;
}

/**
 * Opens a pool on PostgreSQL for raw SQL, without Prisma: the database handle adds Prisma on top
 * (openDatabase), and the outbox thread, which needs only SQL, spares itself Prisma's runtime.
 * @param schema - a schema other than `public` (tests isolate themselves this way).
 */
export function openPostgresPool(url: string, poolSize: number, schema?: string): PostgresPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Prisma stores DateTime as UTC in `timestamp` columns; raw SQL's now() must agree. Raw SQL finds
    // the tables through search_path; Prisma qualifies names with `schema` itself.
    options: ['-c TimeZone=UTC', ...(schema ? [`-c search_path="${schema.replace(/"/g, '')}"`] : [])].join(' '),
  });
  // An idle client that loses its server emits 'error'; unhandled it would kill the process.
  pool.on('error', () => undefined);
  return { pool, sql: poolExecutor(pool), close: () => pool.end().catch(() => undefined) };
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  const executor: SqlExecutor = {
    query: async <T extends SqlRow>(text: string, params?: unknown[]) =>
      (await client.query(text, params)).rows as T[],
    exec: async (script) => {
      await client.query(script);
    },
    transaction: async (work) => work(executor),
  };
  return executor;
}

function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    query: async <T extends SqlRow>(text: string, params?: unknown[]) =>
      (await pool.query(text, params)).rows as T[],
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(clientExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

