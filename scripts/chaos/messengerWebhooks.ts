import { createHmac } from 'node:crypto';
import { BENCH_APP_SECRET } from '../bench/serviceProcess.js';

/** A Messenger webhook body with one text message, as Meta sends it. */
export function messengerTextBody(psid: string, mid: string, text: string, timestamp = Date.now()): string {
  return JSON.stringify({
    object: 'page',
    entry: [{ id: 'PAGE', time: timestamp, messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp, message: { mid, text } }] }],
  });
}

/** POSTs a body to `/api/messenger` signed with the benchmark app secret; true on a 200. */
export async function deliverMessengerWebhook(serviceUrl: string, body: string, timeoutMs = 10_000): Promise<boolean> {
  try {
    const res = await fetch(`${serviceUrl}/api/messenger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', BENCH_APP_SECRET).update(body).digest('hex')}` },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}
