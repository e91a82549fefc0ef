import { base32Encode, hotp, matchTotp, totp } from './totp';

// RFC 6238 appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1)', () => {
  it.each(VECTORS)('at T=%d s gives %s', (seconds, expected) => {
    expect(totp(SEED, seconds * 1000, 8)).toBe(expected);
  });

  it('gives the RFC 4226 appendix D HOTP values for counters 0..2', () => {
    expect([0, 1, 2].map((c) => hotp(SEED, c))).toEqual(['755224', '287082', '359152']);
  });

  it('accepts one step of drift either way and nothing further', () => {
    const t = 1111111111 * 1000;
    const code = totp(SEED, t);
    expect(matchTotp(SEED, code, t)).toBe(Math.floor(1111111111 / 30));
    expect(matchTotp(SEED, code, t + 30_000)).toBe(Math.floor(1111111111 / 30));
    expect(matchTotp(SEED, code, t - 30_000)).toBe(Math.floor(1111111111 / 30));
    expect(matchTotp(SEED, code, t + 90_000)).toBeNull();
    expect(matchTotp(SEED, 'abcdef', t)).toBeNull();
  });

  it('encodes base32 as RFC 4648 section 10 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
  });
});
