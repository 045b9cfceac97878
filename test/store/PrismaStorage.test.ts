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

  it('lets turns saving at the same moment share statements, a stale eTag failing only its own write', async () => {
    let statements = 0;
    const counting = new PrismaStorage({ ...testDb.db.sql, query: (text, params) => (statements++, testDb.db.sql.query(text, params)) });
    const keys = Array.from({ length: 20 }, (_, i) => `g/${i}`);
    await counting.write(Object.fromEntries(keys.map((key) => [key, { n: 0 }])));
    const read = await counting.read(keys);
    await counting.write({ 'g/7': { ...read['g/7'], n: 'someone else' } });
    statements = 0;
    const results = await Promise.allSettled(keys.map((key) => counting.write({ [key]: { ...read[key], n: 1 } })));
    expect(results.map((result) => result.status === 'fulfilled')).toEqual(keys.map((key) => key !== 'g/7'));
    expect((results[7] as PromiseRejectedResult).reason).toMatchObject({ name: 'ETagConflictError', key: 'g/7' });
    expect(statements).toBeLessThan(10);
    const after = await counting.read(keys);
    expect(keys.map((key) => after[key]?.n)).toEqual(keys.map((key) => (key === 'g/7' ? 'someone else' : 1)));
  });

  it('checks the later of two writes to one key queued together against the earlier one', async () => {
    await storage.write({ 'h/1': { n: 0 } });
    const read = (await storage.read(['h/1']))['h/1']!;
    // Two writes of other keys keep the statements busy, so the two to h/1 wait in the same batch.
    const results = await Promise.allSettled([
      storage.write({ 'h/2': { n: 0 } }),
      storage.write({ 'h/3': { n: 0 } }),
      storage.write({ 'h/1': { ...read, n: 1 } }),
      storage.write({ 'h/1': { ...read, n: 2 } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((await storage.read(['h/1']))['h/1']).toMatchObject({ n: 1 });
  });

  it('keeps the order of writes queued together when one waits for a key and shares another with a later one', async () => {
    await storage.write({ 'o/1': { n: 0 }, 'o/2': { n: 0 } });
    const read = await storage.read(['o/1', 'o/2']);
    // A writes o/1; B overwrites o/1 and writes o/2 as read; C writes o/2 as read. In order, B is
    // stored after A and C then finds o/2 changed by B. C must not overtake B, which waits for A.
    const results = await Promise.allSettled([
      storage.write({ 'o/3': { n: 0 } }),
      storage.write({ 'o/4': { n: 0 } }),
      storage.write({ 'o/1': { ...read['o/1'], n: 'A' } }),
      storage.write({ 'o/1': { n: 'B', eTag: '*' }, 'o/2': { ...read['o/2'], n: 'B' } }),
      storage.write({ 'o/2': { ...read['o/2'], n: 'C' } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const after = await storage.read(['o/1', 'o/2']);
    expect([after['o/1']?.n, after['o/2']?.n]).toEqual(['B', 'B']);
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
