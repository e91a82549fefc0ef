import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';
import { WriteGuard } from '../../infra/database';
import { MfaChallenge, TwoFactor, UsedCode } from '../schemas/two-factor.schema';

export interface TwoFactorRecord {
  userId: string;
  secretSealed: string;
  enabled: boolean;
  backupCodeHashes: string[];
}

/** Every query on the two-factor collections. */
@Injectable()
export class TwoFactorRepository {
  constructor(
    @InjectModel(TwoFactor.name) private readonly factors: Model<TwoFactor>,
    @InjectModel(UsedCode.name) private readonly used: Model<UsedCode>,
    @InjectModel(MfaChallenge.name) private readonly challenges: Model<MfaChallenge>,
    private readonly guard: WriteGuard,
  ) {}

  async find(userId: string): Promise<TwoFactorRecord | null> {
    const found = await this.factors.findById(userId).lean<TwoFactor>().exec();
    return found
      ? {
          userId: found._id,
          secretSealed: found.secretSealed,
          enabled: found.enabled,
          backupCodeHashes: found.backupCodeHashes ?? [],
        }
      : null;
  }

  /** A new, not yet enabled secret (replaces a pending one; refused by the caller when enabled). */
  async savePending(userId: string, secretSealed: string, now: Date): Promise<void> {
    await this.factors
      .replaceOne(
        { _id: userId },
        { _id: userId, secretSealed, enabled: false, backupCodeHashes: [], updatedAt: now },
        { upsert: true },
      )
      .exec();
  }

  async enable(userId: string, backupCodeHashes: string[], now: Date): Promise<void> {
    await this.factors
      .updateOne({ _id: userId }, { $set: { enabled: true, backupCodeHashes, updatedAt: now } })
      .exec();
  }

  async setBackupCodes(userId: string, backupCodeHashes: string[], now: Date): Promise<void> {
    await this.factors
      .updateOne({ _id: userId }, { $set: { backupCodeHashes, updatedAt: now } })
      .exec();
  }

  async removeBackupCode(userId: string, hash: string): Promise<void> {
    await this.factors.updateOne({ _id: userId }, { $pullAll: { backupCodeHashes: [hash] } }).exec();
  }

  async remove(userId: string): Promise<void> {
    await this.factors.deleteOne({ _id: userId }).exec();
  }

  /** False when the code was already spent (the unique _id decides between concurrent uses). */
  async markUsed(key: string, now: Date): Promise<boolean> {
    return (await this.guard.insertUnique(() => this.used.create({ _id: key, usedAt: now }))) !== null;
  }

  async createChallenge(hash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.challenges.create({ _id: hash, userId, expiresAt, failures: 0 });
  }

  async findChallenge(hash: string): Promise<MfaChallenge | null> {
    return this.challenges.findById(hash).lean<MfaChallenge>().exec();
  }

  async countChallengeFailure(hash: string): Promise<void> {
    await this.challenges.updateOne({ _id: hash }, { $inc: { failures: 1 } }).exec();
  }

  /** True for the one request that removes it: a challenge gives tokens once. */
  async consumeChallenge(hash: string): Promise<boolean> {
    const { deletedCount } = await this.challenges.deleteOne({ _id: hash }).exec();
    return deletedCount > 0;
  }

  async removeExpired(now: Date, usedBefore: Date): Promise<void> {
    await this.challenges.deleteMany({ expiresAt: trusted({ $lt: now }) }).exec();
    await this.used.deleteMany({ usedAt: trusted({ $lt: usedBefore }) }).exec();
  }
}
