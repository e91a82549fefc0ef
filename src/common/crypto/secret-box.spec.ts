import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const a = box.seal('whsec_secret');
    const b = box.seal('whsec_secret');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('whsec_secret');
    expect(a).not.toContain('whsec_secret');
  });

  it('refuses a tampered value, or one sealed with another key', () => {
    const sealed = box.seal('whsec_secret');
    const [v, iv, data, tag] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open('plain text')).toThrow();
  });

  it('needs a 256-bit key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
