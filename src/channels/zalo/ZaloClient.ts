import { HttpRequestError, postJson, type JsonResponse } from '../../http/postJson.js';
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

/**
 * ZNS answers (https://zalo.cloud/zns/guidelines/handle-error-code): -124 the access token is
 * invalid; -100 unknown error ("try again later"), -133 sent outside the hours the template's tag
 * allows, -144 the OA's daily quota is used up: all later. The rest cannot succeed as sent; the
 * common ones are named so an organiser reads the reason in the stats.
 */
const ZNS_TOKEN_CODES = new Set([-124]);
const ZNS_TRANSIENT_CODES = new Set([-100, -133, -144]);
const ZNS_REASONS: Readonly<Record<number, string>> = {
  [-108]: 'phone_invalid',
  [-109]: 'template_invalid',
  [-111]: 'template_data_empty',
  [-112]: 'template_data_invalid',
  [-114]: 'user_cannot_receive',
  [-115]: 'out_of_quota',
  [-117]: 'template_not_permitted',
  [-118]: 'phone_not_on_zalo',
  [-119]: 'account_cannot_receive',
};

/** How one API sorts its `error` codes. */
interface ErrorCodes {
  readonly prefix: string;
  readonly token: ReadonlySet<number>;
  readonly transient: ReadonlySet<number>;
  readonly windowClosed?: number;
  readonly reasons?: Readonly<Record<number, string>>;
}

const OA_CODES: ErrorCodes = { prefix: 'zalo', token: TOKEN_CODES, transient: TRANSIENT_CODES, windowClosed: WINDOW_CODE };
const ZNS_CODES: ErrorCodes = { prefix: 'zns', token: ZNS_TOKEN_CODES, transient: ZNS_TRANSIENT_CODES, reasons: ZNS_REASONS };

type Attempt = ZaloResult | { readonly ok: false; readonly kind: 'token'; readonly code: string };

/** A base URL from configuration (with or without a trailing slash) and an API path. */
function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}${path}`;
}

/** A ZNS request: the template filled in, for one phone number. */
export interface ZnsRequest {
  /** Vietnamese number as stored (leading 0); sent in Zalo's 84… form. */
  readonly phone: string;
  readonly templateId: string;
  readonly templateData: Record<string, string>;
  /** Our id of the message, echoed in Zalo's delivery callbacks. */
  readonly trackingId: string;
}

/**
 * The OpenAPI v3.0 client for consultation messages, and the ZNS client for template messages.
 * Both use the OA access token, in the `access_token` header as Zalo documents; it is never logged.
 */
export class ZaloClient {
  constructor(
    private readonly apiUrl: string,
    private readonly tokens: ZaloTokens,
    private readonly timeoutMs = 10_000,
    /** ZNS base URL (ZALO_ZNS_API_URL). */
    private readonly znsApiUrl = 'https://business.openapi.zalo.me',
  ) {}

  /**
   * POST /v3.0/oa/message/cs with a complete body. A rejected token is refreshed (once, shared
   * with every concurrent sender) and the call made once more.
   */
  async sendConsultation(body: Record<string, unknown>): Promise<ZaloResult> {
    return this.withToken((token) => this.post(joinUrl(this.apiUrl, '/v3.0/oa/message/cs'), body, token, OA_CODES));
  }

  /** POST /message/template: one ZNS message to a phone number, with the same token handling. */
  async sendZns(request: ZnsRequest): Promise<ZaloResult> {
    const body = {
      // ZNS takes 84xxxxxxxxx; we keep numbers as people write them at home (0xxxxxxxxx).
      phone: request.phone.replace(/^0/, '84'),
      template_id: request.templateId,
      template_data: request.templateData,
      tracking_id: request.trackingId,
    };
    return this.withToken((token) => this.post(joinUrl(this.znsApiUrl, '/message/template'), body, token, ZNS_CODES));
  }

  private async withToken(call: (accessToken: string) => Promise<Attempt>): Promise<ZaloResult> {
    try {
      const token = await this.tokens.accessToken();
      const first = await call(token.value);
      if (first.ok || first.kind !== 'token') return first;
      const second = await call((await this.tokens.refresh(token.version)).value);
      return !second.ok && second.kind === 'token' ? { ok: false, kind: 'permanent', code: second.code } : second;
    } catch (error) {
      if (error instanceof ZaloTokenError) return { ok: false, kind: 'transient', code: `token:${error.code}` };
      throw error;
    }
  }

  private async post(url: string, body: Record<string, unknown>, accessToken: string, codes: ErrorCodes): Promise<Attempt> {
    let response: JsonResponse;
    try {
      response = await postJson(url, JSON.stringify(body), { headers: { 'content-type': 'application/json', access_token: accessToken }, timeoutMs: this.timeoutMs });
    } catch (error) {
      return { ok: false, kind: 'transient', code: error instanceof HttpRequestError ? error.kind : 'network' };
    }
    const parsed = zaloApiResponseSchema.safeParse(response.json);
    if (response.status >= 500 || response.status === 429) return { ok: false, kind: 'transient', code: `http_${response.status}` };
    if (!parsed.success) return { ok: false, kind: 'permanent', code: `http_${response.status}:unreadable` };
    const { error, data } = parsed.data;
    if (error === 0) return { ok: true, messageId: data?.message_id ?? data?.msg_id };
    const reason = codes.reasons?.[error];
    const code = `${codes.prefix}_${error}${reason ? `:${reason}` : ''}`;
    if (codes.token.has(error)) return { ok: false, kind: 'token', code };
    if (error === codes.windowClosed) return { ok: false, kind: 'window_closed', code };
    if (codes.transient.has(error)) return { ok: false, kind: 'transient', code };
    return { ok: false, kind: 'permanent', code };
  }
}
