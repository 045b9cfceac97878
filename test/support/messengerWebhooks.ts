/**
 * Messenger webhooks as Meta sends them, signed, and the app that receives them. Free of nock, so a
 * test that sends to a local stub server (the browser test, the inbox API test) keeps real sockets.
 */
import { createHmac } from 'node:crypto';
import { startTestApp, type TestApp } from './testApp.js';
import type { DatabaseKind } from './testDatabase.js';
import type { CounselorHours } from '../../src/handoff/CounselorHours.js';
import type { ReportDesk } from '../../src/inbox/ReportDesk.js';

export const MESSENGER_SECRET = 'test-app-secret';
export const GRAPH = 'https://graph.test';
export const PAGE_TOKEN = 'test-page-token';

/** The environment that turns the Messenger channel on, with the Graph API at a host nock intercepts (or point it at a stub). */
export const MESSENGER_ENV = {
  MESSENGER_APP_SECRET: MESSENGER_SECRET,
  MESSENGER_VERIFY_TOKEN: 'verify-me',
  MESSENGER_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
  MESSENGER_API_URL: `${GRAPH}/v21.0`,
};

/** Starts the app with Messenger configured (workers not started: tests decide when). */
export function startMessengerApp(kind: DatabaseKind = 'pglite', env: NodeJS.ProcessEnv = {}, options: { hours?: CounselorHours; reports?: ReportDesk } = {}): Promise<TestApp> {
  return startTestApp({ kind, env: { ...MESSENGER_ENV, ...env }, ...options });
}

/** POSTs a body to /api/messenger signed as Meta would (or with the given signature header). */
export async function postMessenger(url: string, body: string, signature: string | null = sign(body)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(`${url}/api/messenger`, { method: 'POST', headers, body });
}

/** X-Hub-Signature-256 for a body. */
export function sign(body: string): string {
  return `sha256=${createHmac('sha256', MESSENGER_SECRET).update(body).digest('hex')}`;
}

/** A webhook body with one text message. */
export function textWebhook(psid: string, mid: string, text: string, timestamp = Date.now()): string {
  return JSON.stringify({
    object: 'page',
    entry: [{ id: 'PAGE', time: timestamp, messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp, message: { mid, text } }] }],
  });
}

/** A Send API call as the stub recorded it. */
export interface SentMessage {
  recipient: { id: string };
  messaging_type?: string;
  tag?: string;
  message?: { text: string; quick_replies?: { title: string; payload: string }[] };
  sender_action?: string;
}

