import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { SecretBox, SecretBoxError } from './SecretBox.js';

/** Where the embedded default keeps its generated key. */
export const KEY_FILE_NAME = 'data-encryption.key';

/**
 * Parses `id:base64key` entries separated by commas (the first is the current key).
 * A bare base64 key gets the id `k1`.
 */
export function parseKeyList(value: string): { keys: Map<string, Buffer>; currentKeyId: string } {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : 'k1';
    const key = Buffer.from(separator > 0 ? entry.slice(separator + 1) : entry, 'base64');
    if (key.length !== 32) throw new SecretBoxError(`key ${id} must decode to 32 bytes of base64`);
    keys.set(id, key);
    currentKeyId ??= id;
  }
  if (!currentKeyId) throw new SecretBoxError('no key given');
  return { keys, currentKeyId };
}

/**
 * The service's SecretBox: from `DATA_ENCRYPTION_KEY` (current key first, older keys after it for
 * rotation), or, on the embedded default only, from a key file created on first start with mode
 * 0600. Losing that file makes every sealed value unreadable, hence the warning.
 */
export function loadSecretBox(options: { encryptionKey?: string; pseudonymKey?: string; dataDir: string; logger: Logger }): SecretBox {
  const pseudonym = options.pseudonymKey ? Buffer.from(options.pseudonymKey, 'base64') : undefined;
  if (options.encryptionKey) {
    const { keys, currentKeyId } = parseKeyList(options.encryptionKey);
    return new SecretBox(keys, currentKeyId, pseudonym);
  }
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    // 'wx' fails if another process created it meanwhile; then we read theirs.
    try {
      fs.writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      options.logger.warn({ file }, 'generated a data encryption key: back this file up, without it stored reports cannot be read');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const { keys, currentKeyId } = parseKeyList(fs.readFileSync(file, 'utf8'));
  return new SecretBox(keys, currentKeyId, pseudonym);
}
