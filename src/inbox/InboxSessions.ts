import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../store/Database.js';

/** A logged-in session as the routes see it. */
export interface InboxSession {
  readonly counselorId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Inbox logins. The cookie holds a random 256-bit token; the database keeps only its SHA-256, so a
 * leaked table cannot be replayed. Each session carries its CSRF synchronizer token.
 */
export class InboxSessions {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly lifetimeMs: number,
  ) {}

  /** Opens a session; returns the cookie token (shown once, never stored) and the session. */
  async open(counselorId: string): Promise<{ token: string; session: InboxSession }> {
    const token = randomBytes(32).toString('base64url');
    const session = { counselorId, csrfToken: randomBytes(32).toString('base64url'), expiresAt: new Date(Date.now() + this.lifetimeMs) };
    await this.sql.query('INSERT INTO inbox_session (id, counselor_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
      digest(token),
      counselorId,
      session.csrfToken,
      session.expiresAt,
    ]);
    // Expired sessions are swept on the way: no scheduler needed for a small table.
    await this.sql.query('DELETE FROM inbox_session WHERE expires_at < now()');
    return { token, session };
  }

  /** The unexpired session of a cookie token. */
  async find(token: string): Promise<InboxSession | undefined> {
    const rows = await this.sql.query<{ counselor_id: string; csrf_token: string; expires_at: Date }>(
      'SELECT counselor_id, csrf_token, expires_at FROM inbox_session WHERE id = $1 AND expires_at > now()',
      [digest(token)],
    );
    const row = rows[0];
    return row && { counselorId: row.counselor_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** Ends a session (logout). */
  async close(token: string): Promise<void> {
    await this.sql.query('DELETE FROM inbox_session WHERE id = $1', [digest(token)]);
  }
}
