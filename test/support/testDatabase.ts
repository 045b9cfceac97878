import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/Database.js';
import { applyMigrations, readMigrationFiles } from '../../src/store/migrations.js';

/** The PostgreSQL server tests may use (CI sets it); PGlite tests always run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A database under test and how to throw it away. */
export interface TestDatabase {
  readonly db: Database;
  /** Another handle on the same database (a second "instance"). */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgresql';

/** The kinds to run storage tests on: always PGlite, PostgreSQL when TEST_DATABASE_URL is set. */
export const DATABASE_KINDS: DatabaseKind[] = TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

let image: Promise<Blob> | undefined;

/**
 * A PGlite data directory with every committed migration applied. A new PGlite runs initdb
 * (about 1.9 s here) where one loaded from this image starts in about 0.4 s, and the suite opens
 * PGlite databases by the hundred. Made once and kept in the temp folder under a name derived from
 * the migrations and the PGlite version, so every test file (each has its own module registry)
 * reuses it and a new migration makes a new one.
 */
function migratedPgliteImage(): Promise<Blob> {
  image ??= (async () => {
    const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;
    const digest = createHash('sha256')
      .update(version)
      .update(readMigrationFiles().map((file) => `${file.name}:${file.checksum}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    const file = path.join(os.tmpdir(), `family-safety-pglite-${digest}.tar`);
    if (!fs.existsSync(file)) {
      const db = await openDatabase({ pgliteDir: undefined });
      await applyMigrations(db.sql);
      const tarball = Buffer.from(await (await db.snapshot!()).arrayBuffer());
      await db.close();
      // Written under a name of its own, then renamed: a test file running in parallel never reads half of it.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      fs.writeFileSync(partial, tarball);
      fs.renameSync(partial, file);
    }
    return new Blob([fs.readFileSync(file)]);
  })();
  return image;
}

/**
 * A fresh, empty database of the given kind: an in-memory PGlite, or a new schema on the
 * PostgreSQL server so test files never see each other's rows.
 * @param migrate - apply the committed migrations (default true).
 */
export async function createTestDatabase(kind: DatabaseKind, migrate = true): Promise<TestDatabase> {
  if (kind === 'pglite') {
    // The image is named after the committed migrations, so it holds all of them: nothing to apply.
    const db = await openDatabase({ pgliteDir: undefined, pgliteImage: migrate ? await migratedPgliteImage() : undefined });
    return {
      db,
      openAnother: () => Promise.reject(new Error('an in-memory PGlite has one handle')),
      dispose: () => db.close(),
    };
  }
  const url = TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const others: Database[] = [];
  const open = () => openDatabase({ url, schema, poolSize: 5 });
  const db = await open();
  if (migrate) await applyMigrations(db.sql);
  return {
    db,
    openAnother: async () => {
      const other = await open();
      others.push(other);
      return other;
    },
    dispose: async () => {
      await Promise.all([db, ...others].map((handle) => handle.close()));
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await cleanup.end();
    },
  };
}

/**
 * Gives each test of the surrounding `describe` a fresh database of `kind` (and clears nock's
 * interceptors after it). Call at the top of the describe; the returned getter reads the current one.
 */
export function freshDatabasePerTest(kind: DatabaseKind): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase(kind);
  });
  afterEach(async () => {
    nock.cleanAll();
    await current?.dispose();
  });
  return () => {
    if (!current) throw new Error('no test database outside a test');
    return current;
  };
}
