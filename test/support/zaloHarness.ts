import { createHash } from 'node:crypto';
import nock from 'nock';
import { startTestApp, type TestApp } from './testApp.js';
import type { DatabaseKind } from './testDatabase.js';

export const ZALO_APP_ID = '360846524940903967';
export const ZALO_OA_SECRET = 'test-oa-secret-key';
export const ZALO_APP_SECRET = 'test-app-secret';
export const OPENAPI = 'https://openapi.zalo.test';
export const OAUTH = 'https://oauth.zalo.test';
export const SEED_ACCESS = 'seed-access-token';
export const SEED_REFRESH = 'seed-refresh-token';

/** The environment that turns the Zalo channel on, with OpenAPI and OAuth at nock hosts. */
export const ZALO_ENV = {
  ZALO_APP_ID,
  ZALO_APP_SECRET,
  ZALO_OA_SECRET_KEY: ZALO_OA_SECRET,
  ZALO_ACCESS_TOKEN: SEED_ACCESS,
  ZALO_REFRESH_TOKEN: SEED_REFRESH,
  ZALO_OPENAPI_URL: OPENAPI,
  ZALO_OAUTH_URL: OAUTH,
};

/** Starts the app with Zalo configured (workers not started: tests decide when). */
export function startZaloApp(kind: DatabaseKind = 'pglite', env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  return startTestApp({ kind, env: { ...ZALO_ENV, ...env } });
}

/** X-ZEvent-Signature for a body: mac = sha256(app_id + body + timestamp + OA secret key). */
export function signZalo(body: string, secret = ZALO_OA_SECRET): string {
  const { app_id: appId, timestamp } = JSON.parse(body) as { app_id: string; timestamp: string };
  return `mac=${createHash('sha256').update(`${appId}${body}${timestamp}${secret}`).digest('hex')}`;
}

/** POSTs a body to /api/zalo signed as Zalo would (or with the given signature header). */
export async function postZalo(url: string, body: string, signature: string | null = signZalo(body)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-zevent-signature'] = signature;
  return fetch(`${url}/api/zalo`, { method: 'POST', headers, body });
}

/** A user_send_text event body. */
export function zaloText(userId: string, msgId: string, text: string, timestamp = Date.now()): string {
  return JSON.stringify({
    app_id: ZALO_APP_ID,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: String(timestamp),
    sender: { id: userId },
    recipient: { id: '579745863508352884' },
    message: { text, msg_id: msgId },
  });
}

/** A consultation message as the stub recorded it, with the access token it carried. */
export interface ZaloSent {
  accessToken: string;
  recipient: { user_id: string };
  message: { text: string; attachment?: { type: string; payload: { buttons: { title: string; type: string; payload: string }[] } } };
}

/**
 * Intercepts /v3.0/oa/message/cs: records every call; answers from `replies` in order, then success.
 * @param replies - Zalo's answers (HTTP 200 with an `error` code), or a function of the token.
 */
export function recordZaloApi(replies: ((accessToken: string) => unknown) | unknown[] = []): ZaloSent[] {
  const sent: ZaloSent[] = [];
  let call = 0;
  nock(OPENAPI)
    .persist()
    .post('/v3.0/oa/message/cs')
    // nock 15 hands a reply function the fetch Request itself.
    .reply(async (request: Request) => {
      const accessToken = request.headers.get('access_token') ?? '';
      const body = (await request.json()) as Omit<ZaloSent, 'accessToken'>;
      sent.push({ accessToken, ...body });
      call++;
      const scripted = typeof replies === 'function' ? replies(accessToken) : replies[call - 1];
      return [200, (scripted ?? { error: 0, message: 'Success', data: { message_id: `zmsg_${call}` } }) as nock.Body] as const;
    });
  return sent;
}

/** A refresh call as the OAuth stub saw it. */
export interface RefreshCall {
  secretKey: string;
  form: Record<string, string>;
}

/**
 * Intercepts the OAuth refresh: each call rotates to `access-<n>` / `refresh-<n>`.
 * @param delayMs - how long Zalo "takes" (lets concurrent callers pile up).
 */
export function recordRefresh(delayMs = 0): RefreshCall[] {
  const calls: RefreshCall[] = [];
  nock(OAUTH)
    .persist()
    .post('/v4/oa/access_token')
    .delay(delayMs)
    .reply(async (request: Request) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      calls.push({ secretKey: request.headers.get('secret_key') ?? '', form });
      const n = calls.length;
      return [200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: '90000' }] as const;
    });
  return calls;
}
