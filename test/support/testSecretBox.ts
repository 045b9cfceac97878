import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../src/crypto/SecretBox.js';

/** A SecretBox with a fresh random key, as a test's own. */
export function testSecretBox(): SecretBox {
  return new SecretBox(new Map([['test', randomBytes(32)]]), 'test');
}
