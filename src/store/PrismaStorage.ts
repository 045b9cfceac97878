import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlExecutor } from './Database.js';

/** Raised when a write carries an eTag that is no longer the stored one: someone else wrote first. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing "${key}"`);
  }
}

/**
 * botbuilder `Storage` on PostgreSQL (the `bot_state` table), with optimistic concurrency:
 * - an item written with `eTag` undefined or `'*'` overwrites whatever is there;
 * - an item written with the eTag it was read with succeeds only if nobody wrote since, otherwise
 *   {@link ETagConflictError} is thrown and nothing is written.
 * After a successful write the item's `eTag` is set to the new value, so a second save in the same
 * turn is not mistaken for a conflict.
 *
 * Raw SQL rather than Prisma's query builder: the conditional write must be a single statement.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly sql: SqlExecutor) {}

  /** Reads the items that exist; missing keys are simply absent from the result. */
  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.sql.query<{ key: string; data: Record<string, unknown>; etag: string }>(
      'SELECT key, data, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  /** Writes every item, each under its own eTag rule (see the class comment). */
  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as Record<string, unknown>;
      const next = randomUUID();
      const json = JSON.stringify(data);
      if (eTag === undefined || eTag === '*' || eTag === '') {
        await this.sql.query(
          `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = now()`,
          [key, json, next],
        );
      } else {
        const updated = await this.sql.query(
          'UPDATE bot_state SET data = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4 RETURNING key',
          [key, json, next, String(eTag)],
        );
        if (updated.length === 0) throw new ETagConflictError(key);
      }
      if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
    }
  }

  /** Deletes the items; missing keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
