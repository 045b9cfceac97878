import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT = 'v1';
/** Pseudonyms remembered: enough for the people being answered at once, a few hundred KB at most. */
const RECENT_PSEUDONYMS = 2048;

/** Raised when a sealed value cannot be opened: unknown key id, tampering, or not a sealed value. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * The one module that encrypts: AES-256-GCM for sensitive text at rest (report contents,
 * transcripts, contact details, platform tokens) and keyed pseudonyms for user ids.
 *
 * A sealed value is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so keys can rotate:
 * new values use the current key, old ones open with whichever key id they name.
 */
export class SecretBox {
  private readonly pseudonymKey: Buffer;
  /**
   * Recent pseudonyms: one turn asks for its person's several times (intake, handoff gate, club
   * middleware, outbox), each an HMAC. Bounded, oldest out first.
   */
  private readonly recentPseudonyms = new Map<string, string>();

  /**
   * @param keys - every key that may open a value, by id; each 32 bytes.
   * @param currentKeyId - the key new values are sealed with.
   * @param pseudonymSecret - optional stable secret for pseudonyms; by default derived from the
   *   current key (rotating that key then changes future pseudonyms).
   */
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
    pseudonymSecret?: Buffer,
  ) {
    const current = keys.get(currentKeyId);
    if (!current || current.length !== 32) throw new SecretBoxError(`key ${currentKeyId} must be 32 bytes`);
    for (const [id, key] of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretBoxError('key ids are 1-32 letters, digits, - or _');
      if (key.length !== 32) throw new SecretBoxError(`key ${id} must be 32 bytes`);
    }
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', pseudonymSecret ?? current, Buffer.alloc(0), 'pseudonym-v1', 32));
  }

  /**
   * Encrypts text. `context` (for instance a table and row purpose) is authenticated, not stored:
   * a value copied into another context will not open.
   */
  seal(plaintext: string, context = ''): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(`${this.currentKeyId}|${context}`));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Decrypts a value made by {@link seal} with the same `context`. */
  open(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new SecretBoxError('not a sealed value');
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`unknown key id ${keyId}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${keyId}|${context}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed value does not authenticate');
    }
  }

  /** Seals a JSON-serialisable value. */
  sealJson(value: unknown, context = ''): string {
    return this.seal(JSON.stringify(value), context);
  }

  /** Opens a value sealed by {@link sealJson}. */
  openJson<T>(sealed: string, context = ''): T {
    return JSON.parse(this.open(sealed, context)) as T;
  }

  /**
   * A stable keyed pseudonym (HMAC-SHA256, hex) for a platform user, so reports and statistics
   * refer to a person without holding their platform id.
   */
  pseudonym(channel: string, userId: string): string {
    const input = `${channel}\u0000${userId}`;
    let pseudonym = this.recentPseudonyms.get(input);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', this.pseudonymKey).update(input).digest('hex').slice(0, 32);
      if (this.recentPseudonyms.size >= RECENT_PSEUDONYMS) this.recentPseudonyms.delete(this.recentPseudonyms.keys().next().value!);
      this.recentPseudonyms.set(input, pseudonym);
    }
    return pseudonym;
  }

  /** True when the value was sealed with a key other than the current one (re-seal it). */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}
