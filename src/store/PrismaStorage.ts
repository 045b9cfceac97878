import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlExecutor } from './Database.js';
import { GroupCommit } from './GroupCommit.js';

/** The SQLSTATE of `bot_state_conflict()` (migration bot_state_conflict). */
const ETAG_CONFLICT = 'FS409';

/** Raised when a write carries an eTag that is no longer the stored one: someone else wrote first. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    // Not the key in the message: it holds a platform id, and messages get logged.
    super('Storage: eTag conflict, the item changed since it was read');
  }
}

/** One item of a write, ready for the statement. */
interface WriteEntry {
  readonly key: string;
  readonly item: unknown;
  readonly json: string;
  /** The eTag the item must still have; null to overwrite. */
  readonly expected: string | null;
  /** The eTag it gets. */
  readonly next: string;
}

/**
 * botbuilder `Storage` on PostgreSQL (the `bot_state` table), with optimistic concurrency:
 * - an item written with `eTag` undefined or `'*'` overwrites whatever is there;
 * - an item written with the eTag it was read with succeeds only if nobody wrote since, otherwise
 *   {@link ETagConflictError} is thrown and nothing is written.
 * After a successful write the item's `eTag` is set to the new value, so a second save in the same
 * turn is not mistaken for a conflict.
 *
 * Raw SQL rather than Prisma's query builder: the conditional writes must be a single statement.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Reads the items that exist; missing keys are simply absent from the result. Turns starting
   * together share one query (group commit).
   */
  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    return this.readGroup.submit(keys);
  }

  private readonly readGroup = new GroupCommit<string[], StoreItems>(async (requests) => {
    const rows = await this.sql.query<{ key: string; data: Record<string, unknown>; etag: string }>(
      'SELECT key, data, etag FROM bot_state WHERE key = ANY($1::text[])',
      [[...new Set(requests.flat())]],
    );
    const found = new Map(rows.map((row) => [row.key, row]));
    const handedOut = new Set<string>();
    return requests.map((keys) => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = found.get(key);
        if (!row) continue;
        // Two readers of one key in a batch must not share (and change) one object.
        const data = handedOut.has(key) ? structuredClone(row.data) : row.data;
        handedOut.add(key);
        items[key] = { ...data, eTag: row.etag };
      }
      return items;
    });
  });

  /**
   * Writes every item, each under its own eTag rule (see the class comment): all are written, or
   * none when one of them conflicts. Turns saving together share statements (group commit); a
   * conflict fails only the write it belongs to.
   */
  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]): WriteEntry => {
      const { eTag, ...data } = (item ?? {}) as Record<string, unknown>;
      const expected = eTag === undefined || eTag === '*' || eTag === '' ? null : String(eTag);
      return { key, item, json: JSON.stringify(data), expected, next: randomUUID() };
    });
    if (entries.length === 0) return;
    const conflict = await this.writeGroup.submit(entries);
    if (conflict) throw conflict;
    for (const { item, next } of entries) {
      if (item && typeof item === 'object') (item as { eTag?: string }).eTag = next;
    }
  }

  /**
   * Stores writes (each a turn's items, all or none), in the order submitted. A key appears once per
   * statement, so of two writes to one key the later is checked against the earlier's eTag. A
   * statement aborted by a conflict is run again without the write that conflicted.
   * @returns per write, the conflict that failed it, or undefined when it was stored.
   */
  private readonly writeGroup = new GroupCommit<WriteEntry[], ETagConflictError | undefined>(async (writes) => {
    const outcomes: (ETagConflictError | undefined)[] = writes.map(() => undefined);
    let waiting = writes.map((entries, index) => ({ entries, index }));
    while (waiting.length > 0) {
      // A write goes in this round unless an earlier waiting write has one of its keys; a write held
      // back still claims its keys, so no later write overtakes it on any of them.
      const keys = new Set<string>();
      const round = waiting.filter(({ entries }) => {
        const clash = entries.some((entry) => keys.has(entry.key));
        for (const entry of entries) keys.add(entry.key);
        return !clash;
      });
      const flat = round.flatMap(({ entries }) => entries);
      const position = await this.writeStatement(flat);
      if (position === undefined) {
        waiting = waiting.filter((write) => !round.includes(write));
        continue;
      }
      let counted = 0;
      const culprit = round.find(({ entries }) => (counted += entries.length) >= position) ?? round[0]!;
      outcomes[culprit.index] = new ETagConflictError(flat[position - 1]?.key ?? culprit.entries[0]!.key);
      waiting = waiting.filter((write) => write !== culprit);
    }
    return outcomes;
  });

  /**
   * One statement writing `entries` (keys distinct).
   * @returns undefined when all were written; the 1-based position of an entry whose eTag no longer
   *   matches, when nothing was written.
   */
  private async writeStatement(entries: readonly WriteEntry[]): Promise<number | undefined> {
    try {
      await this.sql.query(
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::text[]) WITH ORDINALITY AS i(key, data, etag, expected, position)),
         overwritten AS (
           INSERT INTO bot_state (key, data, etag, updated_at)
           SELECT key, data, etag, now() FROM input WHERE expected IS NULL
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = now()),
         checked AS (
           UPDATE bot_state AS s SET data = i.data, etag = i.etag, updated_at = now()
           FROM input AS i
           WHERE i.expected IS NOT NULL AND s.key = i.key AND s.etag = i.expected
           RETURNING s.key)
         -- An item whose eTag no longer matches aborts the statement, and with it every write above.
         SELECT bot_state_conflict(i.position::int) FROM input AS i
         WHERE i.expected IS NOT NULL AND i.key NOT IN (SELECT key FROM checked)`,
        [entries.map((e) => e.key), entries.map((e) => e.json), entries.map((e) => e.next), entries.map((e) => e.expected)],
      );
      return undefined;
    } catch (error) {
      if ((error as { code?: string }).code !== ETAG_CONFLICT) throw error;
      return Number(/item (\d+)/.exec((error as Error).message)?.[1] ?? 1);
    }
  }

  /** Deletes the items; missing keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
