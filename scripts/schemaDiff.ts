import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR, readMigrationFiles } from '../src/store/migrations.js';
import { projectPath } from '../src/projectRoot.js';

export const SCHEMA_PATH = projectPath('prisma', 'schema.prisma');

interface WasmApi {
  instantiate(bytes: Buffer, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

/**
 * Loads Prisma's official schema engine compiled to WebAssembly. The CLI's native engine cannot be
 * downloaded here, and with it stubbed `prisma migrate diff` silently does nothing (see
 * ../shared/notes/toolchain.md), so we drive the engine ourselves.
 */
async function loadSchemaEngine(schema: string, pglite: PGlite): Promise<WasmSchemaEngine> {
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const glue = (await import(path.join(pkgDir, 'schema_engine_bg.js'))) as Record<string, unknown> & {
    __wbg_set_wasm(exports: unknown): void;
    SchemaEngine: { new: (o: unknown, log: (m: string) => void, adapter: unknown) => Promise<WasmSchemaEngine> };
  };
  const bytes = fs.readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm'));
  // Node has WebAssembly at run time; the ES lib typings this project compiles against do not.
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  return glue.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => undefined, adapter);
}

/**
 * The SQL that takes a database from the committed migrations to `schema.prisma`; empty when they
 * agree. Runs entirely in memory (PGlite as the shadow database), no server needed.
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
  const pglite = new PGlite();
  const engine = await loadSchemaEngine(schema, pglite);
  try {
    const migrations = readMigrationFiles();
    const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
    const result = await engine.diff({
      from: {
        tag: 'migrations',
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
        shadowDbInitScript: '',
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
        })),
      },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = (result.stdout ?? '').trim();
    // The engine prints this comment alone when there is nothing to do.
    return script === '-- This is an empty migration.' ? '' : script;
  } finally {
    engine.free();
    await pglite.close();
  }
}
