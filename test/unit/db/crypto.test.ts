import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, DecryptionError, encrypt } from '../../../src/db/crypto.js';

const key = randomBytes(32);

describe('AES-256-GCM token encryption', () => {
  it('round-trips and never repeats a ciphertext (random IV)', () => {
    const a = encrypt('xoxb-secret-token', key);
    const b = encrypt('xoxb-secret-token', key);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('xoxb');
    expect(decrypt(a, key)).toBe('xoxb-secret-token');
    expect(decrypt(encrypt('', key), key)).toBe('');
    expect(decrypt(encrypt('ünïcødé 🔐', key), key)).toBe('ünïcødé 🔐');
  });

  it('uses a 12-byte IV and a 16-byte tag', () => {
    const [iv, tag] = encrypt('x', key).split('.');
    expect(Buffer.from(iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(16);
  });

  it('rejects tampered ciphertext, tag or IV, and the wrong key', () => {
    const [iv, tag, ct] = encrypt('xoxb-secret-token', key).split('.') as [string, string, string];
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = buf[0]! ^ 0x01;
      return buf.toString('base64');
    };
    expect(() => decrypt([iv, tag, flip(ct)].join('.'), key)).toThrow(DecryptionError);
    expect(() => decrypt([iv, flip(tag), ct].join('.'), key)).toThrow(DecryptionError);
    expect(() => decrypt([flip(iv), tag, ct].join('.'), key)).toThrow(DecryptionError);
    expect(() => decrypt([iv, tag, ct].join('.'), randomBytes(32))).toThrow(DecryptionError);
    expect(() => decrypt('not-encrypted', key)).toThrow(DecryptionError);
    expect(() => decrypt(`${iv}.${tag.slice(4)}.${ct}`, key)).toThrow(DecryptionError);
  });

  it('requires a 32-byte key', () => {
    expect(() => encrypt('x', randomBytes(16))).toThrow(RangeError);
  });
});
