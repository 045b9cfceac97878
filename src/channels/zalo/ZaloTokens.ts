import { HttpRequestError, postJson, type JsonResponse } from '../../http/postJson.js';
import type { SecretBox } from '../../crypto/SecretBox.js';
import type { Logger } from '../../logger.js';
import type { SqlExecutor } from '../../store/Database.js';
import { zaloTokenResponseSchema } from './zaloSchemas.js';

/** An access token and the row version it came from (to tell whether someone refreshed since). */
export interface ZaloAccessToken {
  readonly value: string;
  readonly version: number;
}

/** No usable token: the refresh failed or the OA was never authorised. `code` is safe to log. */
export class ZaloTokenError extends Error {
  override readonly name = 'ZaloTokenError';
  constructor(readonly code: string) {
    super(`Zalo token unavailable: ${code}`);
  }
}

type TokenRow = {
  access_token: string;
  refresh_token: string;
  access_expires_at: Date | null;
  version: number;
};

/** Refresh this long before the access token expires (it lives about 25 hours). */
const REFRESH_AHEAD_MS = 10 * 60_000;

/** What the token store is built from. */
export interface ZaloTokensDeps {
  readonly sql: SqlExecutor;
  readonly secretBox: SecretBox;
  readonly appId: string;
  readonly appSecret: string;
  /** The first pair (ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN), stored when the table has none. */
  readonly initial: { readonly accessToken: string; readonly refreshToken: string };
  /** OAuth base, e.g. https://oauth.zaloapp.com */
  readonly oauthUrl: string;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/**
 * The OA's tokens, sealed in `zalo_token`. Zalo's refresh token is single-use and rotates, so a
 * refresh that is lost or done twice takes the OA offline until a person re-authorises it. Hence:
 * one refresh at a time, in this process (callers join the refresh in flight) and across instances
 * (the row is locked with SELECT … FOR UPDATE while Zalo is asked); a caller that got the lock after
 * someone else refreshed uses their token; the new pair is committed before the new access token is
 * handed out.
 */
export class ZaloTokens {
  private inflight: Promise<ZaloAccessToken> | undefined;

  constructor(private readonly deps: ZaloTokensDeps) {}

  /** A usable access token, refreshed first when it expires soon. */
  async accessToken(): Promise<ZaloAccessToken> {
    const row = (await this.read(this.deps.sql, false)) ?? (await this.seed());
    const expiresAt = row.access_expires_at?.getTime();
    // Unknown expiry (the seeded token): used until Zalo says it is expired.
    if (expiresAt === undefined || expiresAt - REFRESH_AHEAD_MS > this.now()) {
      return { value: this.open('access_token', row.access_token), version: row.version };
    }
    return this.refresh(row.version);
  }

  /**
   * Replaces the pair, unless someone already replaced the one of `seenVersion`: then theirs is
   * returned. Concurrent callers in this process share one refresh.
   */
  refresh(seenVersion: number): Promise<ZaloAccessToken> {
    this.inflight ??= this.refreshLocked(seenVersion).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refreshLocked(seenVersion: number): Promise<ZaloAccessToken> {
    // The transaction commits before this resolves: the rotated refresh token is safe in the
    // database before anyone sends with the new access token.
    return this.deps.sql.transaction(async (tx) => {
      const row = await this.read(tx, true);
      if (!row) throw new ZaloTokenError('not_seeded');
      if (row.version !== seenVersion) {
        return { value: this.open('access_token', row.access_token), version: row.version };
      }
      const fresh = await this.requestNewPair(this.open('refresh_token', row.refresh_token));
      const version = row.version + 1;
      await tx.query(
        `UPDATE zalo_token SET access_token = $2, refresh_token = $3, access_expires_at = $4, version = $5, updated_at = now()
         WHERE app_id = $1`,
        [
          this.deps.appId,
          this.seal('access_token', fresh.access_token),
          this.seal('refresh_token', fresh.refresh_token),
          new Date(this.now() + fresh.expires_in * 1000),
          version,
        ],
      );
      this.deps.logger.info({ version }, 'zalo access token refreshed');
      return { value: fresh.access_token, version };
    });
  }

  private async requestNewPair(refreshToken: string): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
    let response: JsonResponse;
    try {
      response = await postJson(
        `${this.deps.oauthUrl.replace(/\/$/, '')}/v4/oa/access_token`,
        new URLSearchParams({ refresh_token: refreshToken, app_id: this.deps.appId, grant_type: 'refresh_token' }).toString(),
        { headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.deps.appSecret }, timeoutMs: this.deps.timeoutMs ?? 10_000 },
      );
    } catch (error) {
      throw new ZaloTokenError(error instanceof HttpRequestError && error.kind === 'timeout' ? 'oauth_timeout' : 'oauth_network');
    }
    const json = response.json as { error?: unknown } | undefined;
    const parsed = zaloTokenResponseSchema.safeParse(json);
    if (response.ok && parsed.success) return parsed.data;
    const code = `oauth_http_${response.status}${typeof json?.error === 'number' ? `:${json.error}` : ''}`;
    // A rejected refresh token cannot heal by itself: say so loudly (the code only, never the token).
    this.deps.logger.error({ code }, 'zalo token refresh failed; if it persists, re-authorise the OA and set ZALO_ACCESS_TOKEN/ZALO_REFRESH_TOKEN on an empty zalo_token table');
    throw new ZaloTokenError(code);
  }

  /**
   * Stores the environment's first pair on first use, unless the database already holds one: the
   * stored pair is newer (the environment's refresh token may already be spent).
   */
  private async seed(): Promise<TokenRow> {
    await this.deps.sql.query(
      `INSERT INTO zalo_token (app_id, access_token, refresh_token) VALUES ($1, $2, $3) ON CONFLICT (app_id) DO NOTHING`,
      [this.deps.appId, this.seal('access_token', this.deps.initial.accessToken), this.seal('refresh_token', this.deps.initial.refreshToken)],
    );
    const row = await this.read(this.deps.sql, false);
    if (!row) throw new ZaloTokenError('not_seeded');
    return row;
  }

  private async read(sql: SqlExecutor, lock: boolean): Promise<TokenRow | undefined> {
    const rows = await sql.query<TokenRow>(
      `SELECT access_token, refresh_token, access_expires_at, version FROM zalo_token WHERE app_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [this.deps.appId],
    );
    return rows[0];
  }

  private seal(field: 'access_token' | 'refresh_token', value: string): string {
    return this.deps.secretBox.seal(value, `zalo_token.${field}:${this.deps.appId}`);
  }

  private open(field: 'access_token' | 'refresh_token', sealed: string): string {
    return this.deps.secretBox.open(sealed, `zalo_token.${field}:${this.deps.appId}`);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
