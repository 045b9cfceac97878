import { applyMigrations, MigrationError, pendingMigrations, readMigrationFiles } from '../../src/store/migrations.js';
import { createTestDatabase, DATABASE_KINDS, TEST_DATABASE_URL } from '../support/testDatabase.js';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  it('applies every committed migration once, recorded in _prisma_migrations', async () => {
    const testDb = await createTestDatabase(kind, false);
    try {
      const files = readMigrationFiles();
      expect(files.length).toBeGreaterThan(0);
      expect(await pendingMigrations(testDb.db.sql)).toEqual(files.map((f) => f.name));
      expect(await applyMigrations(testDb.db.sql)).toEqual(files.map((f) => f.name));
      expect(await applyMigrations(testDb.db.sql)).toEqual([]);
      expect(await pendingMigrations(testDb.db.sql)).toEqual([]);
      const rows = await testDb.db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await testDb.dispose();
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const testDb = await createTestDatabase(kind);
    try {
      const edited = readMigrationFiles().map((f, i) => (i === 0 ? { ...f, checksum: 'x'.repeat(64) } : f));
      await expect(applyMigrations(testDb.db.sql, edited)).rejects.toBeInstanceOf(MigrationError);
    } finally {
      await testDb.dispose();
    }
  });

  it('rolls back a failing migration whole: nothing recorded, nothing half-created', async () => {
    const testDb = await createTestDatabase(kind);
    try {
      const broken = [
        ...readMigrationFiles(),
        { name: '99990101000000_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;', checksum: 'b'.repeat(64) },
      ];
      await expect(applyMigrations(testDb.db.sql, broken)).rejects.toThrow();
      const tables = await testDb.db.sql.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
      expect(tables).toHaveLength(0);
      expect(await pendingMigrations(testDb.db.sql, broken)).toEqual(['99990101000000_broken']);
    } finally {
      await testDb.dispose();
    }
  });
});

(TEST_DATABASE_URL ? describe : describe.skip)('migrations with several instances on PostgreSQL', () => {
  it('applies each migration exactly once when three instances start together', async () => {
    const testDb = await createTestDatabase('postgresql', false);
    try {
      const handles = [testDb.db, await testDb.openAnother(), await testDb.openAnother()];
      const results = await Promise.all(handles.map((handle) => applyMigrations(handle.sql)));
      const applied = results.flat();
      expect(applied.sort()).toEqual(readMigrationFiles().map((f) => f.name));
      const rows = await testDb.db.sql.query('SELECT migration_name FROM "_prisma_migrations"');
      expect(rows).toHaveLength(readMigrationFiles().length);
    } finally {
      await testDb.dispose();
    }
  });
});
