import { publishAudit } from '../infra/events/audit';
import { EventBus } from '../infra/events/event-bus';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { Clock } from '../common/clock';
import { AuthUser, Role } from '../common/decorators';
import { UnauthenticatedError } from '../common/errors';
import { AppConfig } from '../config';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Who a pair is issued to: the token version makes role and account changes end older tokens. */
export interface TokenSubject {
  id: string;
  role: Role;
  tokenVersion: number;
}

/** A verified access token: the caller, the version it was issued at, and when 2FA was proven (if so). */
export interface AccessClaims extends AuthUser {
  tokenVersion: number;
  mfaAt?: Date;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const REFRESH_TOKEN_FORMAT = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/;
const ISSUER = 'adaptive-learning-api';
const REUSED = 'Refresh token was already used; all sessions from this sign-in are revoked';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Short-lived JWT access tokens and rotating, hashed refresh tokens. */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  /**
   * Issues a pair. A sign-in starts a new family; a rotation continues the spent token's family and can
   * happen once per spent token: a second, concurrent rotation loses on the unique parent and is reuse.
   */
  async issue(
    user: TokenSubject,
    rotation?: { familyId: string; parentId: string },
    proof: { mfaAt?: Date } = {},
  ): Promise<TokenPair> {
    const now = this.clock.now();
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.auth;
    const accessToken = await this.jwt.signAsync(
      {
        sub: user.id,
        role: user.role,
        ver: user.tokenVersion,
        ...(proof.mfaAt ? { mfa: Math.floor(proof.mfaAt.getTime() / 1000) } : {}),
        iat: Math.floor(now.getTime() / 1000),
      },
      { expiresIn: accessTtlSeconds, issuer: ISSUER },
    );
    const id = new Types.ObjectId().toHexString();
    const secret = randomBytes(32).toString('base64url');
    const familyId = rotation?.familyId ?? new Types.ObjectId().toHexString();
    const created = await this.refreshTokens.create({
      id,
      userId: user.id,
      familyId,
      // The first token of a family gets a parent id no token has, so the unique index holds.
      parentId: rotation?.parentId ?? new Types.ObjectId().toHexString(),
      tokenHash: sha256(secret),
      expiresAt: new Date(now.getTime() + refreshTtlSeconds * 1000),
    });
    if (!created) {
      // The parent already has a successor: the refresh token was used twice.
      await this.refreshTokens.revokeFamily(familyId, now);
      throw new UnauthenticatedError(REUSED);
    }
    // A revocation of the family that ran while this rotation was in flight is final: the marker is
    // written before the family's tokens are revoked, so either it is seen here or the revocation
    // saw (and revoked) the token just created.
    if (rotation && (await this.refreshTokens.isFamilyRevoked(familyId))) {
      await this.refreshTokens.revokeFamily(familyId, now);
      throw new UnauthenticatedError(REUSED);
    }
    return {
      accessToken,
      refreshToken: `${id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: accessTtlSeconds,
    };
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      const payload = await this.jwt.verifyAsync<{
        sub: string;
        role: Role;
        ver?: number;
        mfa?: number;
      }>(token, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      return {
        id: payload.sub,
        role: payload.role,
        tokenVersion: payload.ver ?? 0,
        ...(payload.mfa ? { mfaAt: new Date(payload.mfa * 1000) } : {}),
      };
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new UnauthenticatedError(expired ? 'Access token expired' : 'Invalid access token');
    }
  }

  /**
   * Spends a refresh token and returns its owner and family. A token that was already spent or revoked
   * means it leaked: the whole family is revoked and the caller must sign in again.
   */
  async consumeRefreshToken(
    refreshToken: string,
  ): Promise<{ userId: string; familyId: string; tokenId: string }> {
    const { id, hash } = parseRefreshToken(refreshToken);
    const now = this.clock.now();
    const live = await this.refreshTokens.consume(id, hash, now);
    if (live) return { userId: live.userId, familyId: live.familyId, tokenId: live.id };

    const known = await this.refreshTokens.find(id, hash);
    if (known && (known.usedAt || known.revokedAt)) {
      await this.refreshTokens.revokeFamily(known.familyId, now);
      publishAudit(this.events, now, {
        action: 'auth.refresh-token-reuse',
        outcome: 'failure',
        actorId: null,
        subjectId: known.userId,
        target: `family ${known.familyId}`,
      });
      throw new UnauthenticatedError(REUSED);
    }
    throw new UnauthenticatedError(known ? 'Refresh token expired' : 'Invalid refresh token');
  }

  /** Logout: revokes the family of the given token (other devices stay signed in). */
  async revokeFamilyOf(refreshToken: string, userId: string): Promise<void> {
    const { id, hash } = parseRefreshToken(refreshToken);
    const token = await this.refreshTokens.find(id, hash);
    if (!token || token.userId !== userId) throw new UnauthenticatedError('Invalid refresh token');
    await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
  }

  revokeAllOf(userId: string): Promise<void> {
    return this.refreshTokens.revokeAllOfUser(userId, this.clock.now());
  }

  deleteExpired(): Promise<number> {
    return this.refreshTokens.deleteExpired(this.clock.now());
  }
}

function parseRefreshToken(token: string): { id: string; hash: string } {
  const match = REFRESH_TOKEN_FORMAT.exec(token);
  if (!match) throw new UnauthenticatedError('Invalid refresh token');
  return { id: match[1], hash: sha256(match[2]) };
}
