import { HttpRequestError, postJson, type JsonResponse } from '../../http/postJson.js';
import { graphErrorSchema } from './messengerSchemas.js';

/** The result of one Graph API call, already sorted for the outbox. */
export type GraphResult =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly kind: 'transient' | 'permanent' | 'window_closed'; readonly code: string; readonly retryAfterMs?: number };

/** Graph error codes that say "later": throttling and temporary failures. */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);
/** code 10 / subcode 2018278: "This message is sent outside of allowed window". */
const WINDOW_SUBCODE = 2018278;

/**
 * The Send API client. The page token travels as the `access_token` query parameter, as Meta
 * documents; URLs are never logged.
 */
export class MessengerClient {
  constructor(
    private readonly apiUrl: string,
    private readonly pageAccessToken: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** POST /me/messages with a complete Send API body. */
  async send(body: Record<string, unknown>): Promise<GraphResult> {
    const url = `${this.apiUrl.replace(/\/$/, '')}/me/messages?access_token=${encodeURIComponent(this.pageAccessToken)}`;
    let response: JsonResponse;
    try {
      response = await postJson(url, JSON.stringify(body), { headers: { 'content-type': 'application/json' }, timeoutMs: this.timeoutMs });
    } catch (error) {
      return { ok: false, kind: 'transient', code: error instanceof HttpRequestError ? error.kind : 'network' };
    }
    const json = response.json as { message_id?: string } | undefined;
    if (response.ok) return { ok: true, messageId: json?.message_id };
    const retryAfter = Number(response.headers['retry-after']);
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    const parsed = graphErrorSchema.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : undefined;
    const subcode = parsed.success ? parsed.data.error.error_subcode : undefined;
    const label = `http_${response.status}${code !== undefined ? `:graph_${code}` : ''}${subcode !== undefined ? `:${subcode}` : ''}`;
    if (code === 10 && subcode === WINDOW_SUBCODE) {
      return { ok: false, kind: 'window_closed', code: label };
    }
    if (response.status >= 500 || response.status === 429 || (code !== undefined && TRANSIENT_CODES.has(code))) {
      return { ok: false, kind: 'transient', code: label, retryAfterMs };
    }
    return { ok: false, kind: 'permanent', code: label };
  }
}
