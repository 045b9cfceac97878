import type { SqlExecutor } from './Database.js';
import { botStateKey, type Pseudonymise } from './optimisticState.js';

/** botbuilder's own key: channel, kind, the platform id in clear, then an empty namespace. */
const CLEAR_KEY = /^([^/]+)\/(conversations|users)\/(?!p:)(.+)\/$/;

/** Rows moved per transaction. */
const CHUNK = 1000;

/**
 * Moves conversation and user states stored under botbuilder's default keys, which hold the
 * platform id in clear, to their pseudonymous keys ({@link botStateKey}). Run at start-up, before the
 * workers: it needs the pseudonym key, which the database never sees, so it cannot be a migration.
 *
 * Idempotent and safe with several instances starting at once: where a state already exists under
 * the new key (the person wrote to an instance that had already started), that newer state stays and
 * the old one goes.
 * @returns how many states were moved.
 */
export async function pseudonymiseBotStateKeys(sql: SqlExecutor, pseudonymise: Pseudonymise): Promise<number> {
  const rows = await sql.query<{ key: string }>(
    "SELECT key FROM bot_state WHERE key ~ '^[^/]+/(conversations|users)/' AND key !~ '^[^/]+/(conversations|users)/p:'",
  );
  const moves = rows.flatMap(({ key }) => {
    const match = CLEAR_KEY.exec(key);
    return match ? [{ from: key, to: botStateKey(match[2] as 'conversations' | 'users', match[1]!, match[3]!, pseudonymise) }] : [];
  });
  for (let start = 0; start < moves.length; start += CHUNK) {
    const chunk = moves.slice(start, start + CHUNK);
    await sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO bot_state (key, data, etag, updated_at)
         SELECT move.to_key, state.data, state.etag, state.updated_at
         FROM unnest($1::text[], $2::text[]) AS move(from_key, to_key) JOIN bot_state AS state ON state.key = move.from_key
         ON CONFLICT (key) DO NOTHING`,
        [chunk.map((move) => move.from), chunk.map((move) => move.to)],
      );
      await tx.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [chunk.map((move) => move.from)]);
    });
  }
  return moves.length;
}
