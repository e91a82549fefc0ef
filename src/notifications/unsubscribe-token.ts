import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_TYPES, NotificationType } from './preferences';

export interface UnsubscribeClaim {
  userId: string;
  type: NotificationType;
  expiresAt: Date;
}

/**
 * One-click unsubscribe tokens: "<userId>.<type>.<expiry seconds>.<HMAC-SHA256 of those>" in base64url,
 * so the public endpoint needs no sign-in and no stored state, and a token cannot be altered or reused
 * after it expires.
 */
export class UnsubscribeTokens {
  constructor(private readonly key: Buffer) {}

  sign(claim: UnsubscribeClaim): string {
    const body = `${claim.userId}.${claim.type}.${Math.floor(claim.expiresAt.getTime() / 1000)}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The claim of a valid, unexpired token; null otherwise. */
  verify(token: string, now: Date): UnsubscribeClaim | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [userId, type, expiry, mac] = parts;
    const expected = Buffer.from(this.mac(`${userId}.${type}.${expiry}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (!/^[0-9a-f]{24}$/.test(userId) || !/^\d{1,12}$/.test(expiry)) return null;
    if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) return null;
    const expiresAt = new Date(Number(expiry) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return null;
    return { userId, type: type as NotificationType, expiresAt };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
