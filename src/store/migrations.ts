import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../projectRoot.js';
import type { SqlExecutor } from './Database.js';

/** The folder of committed migrations, one sub-folder each with its `migration.sql`. */
export const MIGRATIONS_DIR = projectPath('prisma', 'migrations');

/** The same lock id Prisma's own CLI takes, so our runner and `prisma migrate deploy` exclude each other. */
const PRISMA_ADVISORY_LOCK_ID = 72707369;

/** A committed migration as read from disk. */
export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/**
 * Lists the committed migrations in name order (names start with a timestamp).
 * @param dir - the migrations folder.
 */
export function readMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// Prisma's own bookkeeping table, created exactly as `prisma migrate` creates it, so the real CLI
// agrees with what we applied.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Raised when the database's migration history does not fit the committed files. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Applies the committed migrations not yet recorded in `_prisma_migrations`.
 *
 * All of it runs in one transaction under a transaction-scoped advisory lock: a second instance
 * starting at the same moment waits, then finds nothing left to do; a failing migration leaves
 * the database exactly as it was.
 * @returns the names of the migrations applied now.
 */
export async function applyMigrations(sql: SqlExecutor, files: MigrationFile[] = readMigrationFiles()): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_ADVISORY_LOCK_ID]);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await tx.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const appliedByName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
    const known = new Set(files.map((file) => file.name));
    const unknown = [...appliedByName.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(`The database has migrations this code does not know: ${unknown.join(', ')}`);
    }
    const done: string[] = [];
    for (const file of files) {
      const checksum = appliedByName.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new MigrationError(`Migration ${file.name} was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      const id = randomUUID();
      await tx.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
        [id, file.checksum, file.name],
      );
      await tx.exec(file.sql);
      await tx.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      done.push(file.name);
    }
    return done;
  });
}

/**
 * Names of committed migrations the database has not applied (empty when up to date).
 * Used by the readiness probe.
 */
export async function pendingMigrations(sql: SqlExecutor, files: MigrationFile[] = readMigrationFiles()): Promise<string[]> {
  const exists = await sql.query<{ present: boolean }>(
    "SELECT to_regclass('\"_prisma_migrations\"') IS NOT NULL AS present",
  );
  if (!exists[0]?.present) return files.map((file) => file.name);
  const rows = await sql.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return files.filter((file) => !applied.has(file.name)).map((file) => file.name);
}
