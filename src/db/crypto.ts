import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (bot tokens). Format: `iv.tag.ciphertext`, each part base64, with a random
 * 12-byte IV per value. Decryption verifies the 16-byte auth tag, so a tampered value throws instead of
 * returning garbage.
 */

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DecryptionError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError(`AES-256-GCM needs a 32-byte key, got ${key.length} bytes`);
}

export function encrypt(plain: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64')).join('.');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decrypt(payload: string, key: Buffer): string {
  checkKey(key);
  const parts = payload.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64.test(p))) {
    throw new DecryptionError('malformed encrypted value (expected iv.tag.ciphertext in base64)');
  }
  const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('malformed encrypted value (bad IV or tag length)');
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (err) {
    throw new DecryptionError('encrypted value failed authentication (wrong key or tampered data)', { cause: err });
  }
}
