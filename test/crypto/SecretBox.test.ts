import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEY_FILE_NAME, loadSecretBox, parseKeyList } from '../../src/crypto/loadSecretBox.js';
import { SecretBox, SecretBoxError } from '../../src/crypto/SecretBox.js';
import { createLogger } from '../../src/logger.js';

const key = () => randomBytes(32);

describe('SecretBox', () => {
  const box = new SecretBox(new Map([['k1', key()]]), 'k1');

  it('round-trips text, and the sealed form contains none of it', () => {
    const sealed = box.seal('Chồng tôi đánh tôi, số 0912345678', 'report.description');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('0912345678');
    expect(box.open(sealed, 'report.description')).toBe('Chồng tôi đánh tôi, số 0912345678');
  });

  it('uses a fresh IV: the same text seals differently each time', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses a tampered value and a value moved to another context', () => {
    const sealed = box.seal('secret', 'a');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'a')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'b')).toThrow(SecretBoxError);
    expect(() => box.open('plain text', 'a')).toThrow(SecretBoxError);
  });

  it('rotates keys: old values open with the old key id, new ones use the current key', () => {
    const k1 = key();
    const old = new SecretBox(new Map([['k1', k1]]), 'k1').seal('before rotation');
    const rotated = new SecretBox(new Map([['k2', key()], ['k1', k1]]), 'k2');
    expect(rotated.open(old)).toBe('before rotation');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.seal('after').split('.')[1]).toBe('k2');
  });

  it('gives stable pseudonyms that differ per channel and reveal nothing of the id', () => {
    const p = box.pseudonym('messenger', '1234567890');
    expect(p).toMatch(/^[0-9a-f]{32}$/);
    expect(box.pseudonym('messenger', '1234567890')).toBe(p);
    expect(box.pseudonym('zalo', '1234567890')).not.toBe(p);
    expect(p).not.toContain('1234567890');
  });

  it('gives the same pseudonym for a person after many others, as a box that never saw them', () => {
    const secret = key();
    const busy = new SecretBox(new Map([['k1', key()]]), 'k1', secret);
    const fresh = new SecretBox(new Map([['k1', key()]]), 'k1', secret);
    const first = busy.pseudonym('zalo', 'first');
    const others = Array.from({ length: 5000 }, (_, i) => busy.pseudonym('zalo', `u${i}`));
    expect(new Set(others).size).toBe(5000);
    expect(busy.pseudonym('zalo', 'first')).toBe(first);
    expect(fresh.pseudonym('zalo', 'first')).toBe(first);
    expect(fresh.pseudonym('zalo', 'u4999')).toBe(others[4999]);
  });
});

describe('loadSecretBox', () => {
  const logger = createLogger('silent');

  it('parses "id:base64" lists with the first key current, and rejects short keys', () => {
    const parsed = parseKeyList(`k2:${key().toString('base64')}, k1:${key().toString('base64')}`);
    expect([parsed.currentKeyId, [...parsed.keys.keys()]]).toEqual(['k2', ['k2', 'k1']]);
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow(SecretBoxError);
  });

  it('generates a key file with mode 0600 on first start and reuses it after', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsa-key-'));
    const first = loadSecretBox({ dataDir, logger });
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('kept across restarts');
    expect(loadSecretBox({ dataDir, logger }).open(sealed)).toBe('kept across restarts');
  });
});
