import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { RefreshToken } from './schemas/refresh-token.schema';
import { RevokedFamily } from './schemas/two-factor.schema';

export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Longer than any refresh token lives (JWT_REFRESH_TTL_SECONDS is at most a year). */
const MARKER_KEEP_MS = 366 * 86_400_000;

type LeanToken = RefreshToken & { _id: Types.ObjectId };

const toStored = (token: LeanToken): StoredRefreshToken => ({
  id: token._id.toHexString(),
  userId: token.userId.toHexString(),
  familyId: token.familyId.toHexString(),
  expiresAt: token.expiresAt,
  usedAt: token.usedAt,
  revokedAt: token.revokedAt,
});

@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>,
    @InjectModel(RevokedFamily.name) private readonly revokedFamilies: Model<RevokedFamily>,
    private readonly guard: WriteGuard,
  ) {}

  /** False when the parent already has a successor (the unique index decides). */
  async create(token: {
    id: string;
    userId: string;
    familyId: string;
    parentId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<boolean> {
    const created = await this.guard.insertUnique(() =>
      this.tokens.create({
        _id: new Types.ObjectId(token.id),
        userId: new Types.ObjectId(token.userId),
        familyId: new Types.ObjectId(token.familyId),
        parentId: new Types.ObjectId(token.parentId),
        tokenHash: token.tokenHash,
        expiresAt: token.expiresAt,
      }),
    );
    return created !== null;
  }

  /** Marks a live token as used, atomically: of two concurrent uses only one succeeds. */
  async consume(id: string, tokenHash: string, now: Date): Promise<StoredRefreshToken | null> {
    const token = await this.tokens
      .findOneAndUpdate(
        { _id: id, tokenHash, usedAt: null, revokedAt: null, expiresAt: trusted({ $gt: now }) },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<LeanToken>()
      .exec();
    return token ? toStored(token) : null;
  }

  async find(id: string, tokenHash: string): Promise<StoredRefreshToken | null> {
    const token = await this.tokens.findOne({ _id: id, tokenHash }).lean<LeanToken>().exec();
    return token ? toStored(token) : null;
  }

  /** Writes the family's revocation marker first, then revokes the tokens it has now. */
  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.guard.insertUnique(() =>
      this.revokedFamilies.create({ _id: familyId, revokedAt: now }),
    );
    await this.tokens
      .updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } })
      .exec();
  }

  async isFamilyRevoked(familyId: string): Promise<boolean> {
    return (await this.revokedFamilies.exists({ _id: familyId }).exec()) !== null;
  }

  async revokeAllOfUser(userId: string, now: Date): Promise<void> {
    await this.tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } }).exec();
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.tokens.deleteMany({ expiresAt: trusted({ $lte: now }) }).exec();
    // A marker outlives every token of its family once it is older than the refresh lifetime.
    await this.revokedFamilies
      .deleteMany({ revokedAt: trusted({ $lte: new Date(now.getTime() - MARKER_KEEP_MS) }) })
      .exec();
    return result.deletedCount;
  }
}
