import type { SqlExecutor } from './Database.js';
import { botStateKey, type Pseudonymise } from './optimisticState.js';

/** Rows moved per transaction. */
const CHUNK = 1000;
/** Advisory lock key: instances starting together move one chunk at a time, never deadlocking. */
const MOVE_LOCK = 7_306_201;

/**
 * Moves conversation and user states stored under botbuilder's default keys, which hold the
 * platform id in clear, to their pseudonymous keys ({@link botStateKey}). Run at start-up, before the
 * workers: it needs the pseudonym key, which the database never sees, so it cannot be a migration.
 *
 * Each chunk is one statement (the old row goes and the new one comes together) under an advisory
 * lock, so instances starting at once take turns and a second run finds nothing. Where a state
 * already exists under the new key (the person wrote to an instance that had started first), the
 * one written last stays.
 * @returns how many states under platform ids were moved (or dropped for a newer one).
 */
export async function pseudonymiseBotStateKeys(sql: SqlExecutor, pseudonymise: Pseudonymise): Promise<number> {
  // botbuilder's own key: channel, kind, the platform id in clear, then an empty namespace.
  const rows = await sql.query<{ key: string; part: [string, 'conversations' | 'users', string] }>(
    `SELECT key, regexp_match(key, '^([^/]+)/(conversations|users)/(?!p:)(.+)/$') AS part FROM bot_state
     WHERE key ~ '^[^/]+/(conversations|users)/(?!p:).+/$' ORDER BY key`,
  );
  const moves = rows.map(({ key, part: [channel, kind, platformId] }) => ({ from: key, to: botStateKey(kind, channel, platformId, pseudonymise) }));
  let moved = 0;
  for (let start = 0; start < moves.length; start += CHUNK) {
    const chunk = moves.slice(start, start + CHUNK);
    moved += await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MOVE_LOCK]);
      const result = await tx.query<{ n: number | string }>(
        `WITH move AS (SELECT * FROM unnest($1::text[], $2::text[]) AS move(from_key, to_key)),
         taken AS (
           DELETE FROM bot_state AS state USING move WHERE state.key = move.from_key
           RETURNING move.to_key, state.data, state.etag, state.updated_at),
         placed AS (
           INSERT INTO bot_state (key, data, etag, updated_at)
           SELECT to_key, data, etag, updated_at FROM taken
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at
             WHERE bot_state.updated_at < EXCLUDED.updated_at
           RETURNING key)
         SELECT count(*) AS n FROM taken`,
        [chunk.map((entry) => entry.from), chunk.map((entry) => entry.to)],
      );
      return Number(result[0]!.n);
    });
  }
  return moved;
}
