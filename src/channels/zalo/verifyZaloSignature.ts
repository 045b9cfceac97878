import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks `X-ZEvent-Signature: mac=<hex>`: the SHA-256 (a plain hash, as Zalo specifies, not an
 * HMAC) of `app_id + rawBody + timestamp + OA secret key`, compared in constant time.
 * @param appId - and `timestamp`: as they appear in the body.
 */
export function verifyZaloSignature(rawBody: Buffer, header: string | undefined, appId: string, timestamp: string, oaSecretKey: string): boolean {
  const match = /^mac=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}
