import { ETagConflictError, PrismaStorage } from '../../src/store/PrismaStorage.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';

describe.each(DATABASE_KINDS)('PrismaStorage on %s', (kind) => {
  let testDb: TestDatabase;
  let storage: PrismaStorage;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    storage = new PrismaStorage(testDb.db.sql);
  });
  afterAll(() => testDb.dispose());

  it('reads back what it wrote, with a fresh eTag, and omits missing keys', async () => {
    await storage.write({ 'a/1': { count: 1, nested: { lang: 'vi' } } });
    const items = await storage.read(['a/1', 'missing']);
    expect(Object.keys(items)).toEqual(['a/1']);
    expect(items['a/1']).toMatchObject({ count: 1, nested: { lang: 'vi' } });
    expect(typeof items['a/1']?.eTag).toBe('string');
  });

  it('stores the item in the bot_state table (a real row, not memory)', async () => {
    await storage.write({ 'row/1': { marker: 'xyz' } });
    const rows = await testDb.db.sql.query<{ data: { marker: string } }>('SELECT data FROM bot_state WHERE key = $1', ['row/1']);
    expect(rows[0]?.data.marker).toBe('xyz');
  });

  it('rejects a write whose eTag is stale and keeps the winner', async () => {
    await storage.write({ 'b/1': { value: 'start' } });
    const first = (await storage.read(['b/1']))['b/1']!;
    const second = (await storage.read(['b/1']))['b/1']!;
    await storage.write({ 'b/1': { ...first, value: 'first writer' } });
    await expect(storage.write({ 'b/1': { ...second, value: 'second writer' } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['b/1']))['b/1']).toMatchObject({ value: 'first writer' });
  });

  it('writes several items all or none: one stale eTag leaves every item as it was', async () => {
    await storage.write({ 'e/1': { v: 'old' }, 'e/2': { v: 'old' } });
    const read = await storage.read(['e/1', 'e/2']);
    await storage.write({ 'e/2': { ...read['e/2'], v: 'someone else' } });
    const attempt = storage.write({ 'e/1': { ...read['e/1'], v: 'mine' }, 'e/2': { ...read['e/2'], v: 'mine' }, 'e/3': { v: 'new' } });
    await expect(attempt).rejects.toMatchObject({ name: 'ETagConflictError', key: 'e/2' });
    const after = await storage.read(['e/1', 'e/2', 'e/3']);
    expect([after['e/1']?.v, after['e/2']?.v, after['e/3']]).toEqual(['old', 'someone else', undefined]);
    await storage.write({ 'e/1': { ...after['e/1'], v: 'mine' }, 'e/2': { ...after['e/2'], v: 'mine' } });
    expect((await storage.read(['e/1']))['e/1']).toMatchObject({ v: 'mine' });
  });

  it('lets exactly one of two concurrent conditional writes win', async () => {
    await storage.write({ 'c/1': { n: 0 } });
    const read = (await storage.read(['c/1']))['c/1']!;
    const results = await Promise.allSettled([
      storage.write({ 'c/1': { ...read, n: 1 } }),
      storage.write({ 'c/1': { ...read, n: 2 } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it("overwrites unconditionally with eTag '*' and updates the caller's eTag after a write", async () => {
    await storage.write({ 'd/1': { v: 1 } });
    const item: Record<string, unknown> = { v: 2, eTag: '*' };
    await storage.write({ 'd/1': item });
    const stored = (await storage.read(['d/1']))['d/1']!;
    expect(stored).toMatchObject({ v: 2 });
    expect(item.eTag).toBe(stored.eTag);
    // A second save with the updated eTag in the same turn is not a conflict.
    await storage.write({ 'd/1': { ...item, v: 3 } });
    expect((await storage.read(['d/1']))['d/1']).toMatchObject({ v: 3 });
  });

  it('deletes, ignoring missing keys', async () => {
    await storage.write({ 'e/1': { v: 1 } });
    await storage.delete(['e/1', 'nope']);
    expect(await storage.read(['e/1'])).toEqual({});
  });
});
