import type { SqlExecutor } from '../store/Database.js';

/** The window failed logins are counted in. */
export const THROTTLE_WINDOW_MINUTES = 15;

/**
 * Limits password guessing per account and per IP address. Attempts are rows in the database, so
 * every instance behind the load balancer counts the same. An account's count restarts after a
 * successful login; an address's does not.
 */
export class LoginThrottle {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly limits: { perAccount: number; perIp: number },
  ) {}

  /** True when this account or address has failed too often recently. */
  async isBlocked(account: string, ip: string): Promise<boolean> {
    const rows = await this.sql.query<{ by_account: string | number; by_ip: string | number }>(
      `SELECT
         (SELECT count(*) FROM login_attempt a WHERE a.account = $1 AND NOT a.succeeded
            AND a.at > now() - ($3::int * interval '1 minute')
            AND a.at > COALESCE((SELECT max(s.at) FROM login_attempt s WHERE s.account = $1 AND s.succeeded), 'epoch')) AS by_account,
         (SELECT count(*) FROM login_attempt WHERE ip = $2 AND NOT succeeded AND at > now() - ($3::int * interval '1 minute')) AS by_ip`,
      [account, ip, THROTTLE_WINDOW_MINUTES],
    );
    const row = rows[0];
    return !!row && (Number(row.by_account) >= this.limits.perAccount || Number(row.by_ip) >= this.limits.perIp);
  }

  /** Records an attempt (old rows are swept on the way). */
  async record(account: string, ip: string, succeeded: boolean): Promise<void> {
    await this.sql.query('INSERT INTO login_attempt (account, ip, succeeded) VALUES ($1, $2, $3)', [account, ip, succeeded]);
    await this.sql.query(`DELETE FROM login_attempt WHERE at < now() - interval '1 day'`);
  }
}
