import { ZaloTokenError, type ZaloTokens } from './ZaloTokens.js';
import { zaloApiResponseSchema } from './zaloSchemas.js';

/** The result of one OpenAPI call, already sorted for the outbox. */
export type ZaloResult =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly kind: 'transient' | 'permanent' | 'window_closed'; readonly code: string };

/** -216 "access token is invalid", -220 "access token has expired": refresh, then try once more. */
const TOKEN_CODES = new Set([-216, -220]);
/** -230: the person has not interacted with the OA in the last 7 days (consultation window). */
const WINDOW_CODE = -230;
/** -32 request rate limit, -211 out of quota: later, with backoff. */
const TRANSIENT_CODES = new Set([-32, -211]);

type Attempt = ZaloResult | { readonly ok: false; readonly kind: 'token'; readonly code: string };

/**
 * The OpenAPI v3.0 client for consultation messages. The access token travels in the
 * `access_token` header, as Zalo documents; it is never logged.
 */
export class ZaloClient {
  constructor(
    private readonly apiUrl: string,
    private readonly tokens: ZaloTokens,
    private readonly timeoutMs = 10_000,
  ) {}

  /**
   * POST /v3.0/oa/message/cs with a complete body. A rejected token is refreshed (once, shared
   * with every concurrent sender) and the call made once more.
   */
  async sendConsultation(body: Record<string, unknown>): Promise<ZaloResult> {
    try {
      const token = await this.tokens.accessToken();
      const first = await this.post('/v3.0/oa/message/cs', body, token.value);
      if (first.ok || first.kind !== 'token') return first;
      const second = await this.post('/v3.0/oa/message/cs', body, (await this.tokens.refresh(token.version)).value);
      return !second.ok && second.kind === 'token' ? { ok: false, kind: 'permanent', code: second.code } : second;
    } catch (error) {
      if (error instanceof ZaloTokenError) return { ok: false, kind: 'transient', code: `token:${error.code}` };
      throw error;
    }
  }

  private async post(path: string, body: Record<string, unknown>, accessToken: string): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: accessToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, kind: 'transient', code: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    const parsed = zaloApiResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (response.status >= 500 || response.status === 429) return { ok: false, kind: 'transient', code: `http_${response.status}` };
    if (!parsed.success) return { ok: false, kind: 'permanent', code: `http_${response.status}:unreadable` };
    const { error, data } = parsed.data;
    if (error === 0) return { ok: true, messageId: data?.message_id };
    const code = `zalo_${error}`;
    if (TOKEN_CODES.has(error)) return { ok: false, kind: 'token', code };
    if (error === WINDOW_CODE) return { ok: false, kind: 'window_closed', code };
    if (TRANSIENT_CODES.has(error)) return { ok: false, kind: 'transient', code };
    return { ok: false, kind: 'permanent', code };
  }
}
