import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { SignInCode } from './schemas/sign-in-code.schema';

/** Every query on `sign_in_codes`. */
@Injectable()
export class SignInCodesRepository {
  constructor(@InjectModel(SignInCode.name) private readonly codes: Model<SignInCode>) {}

  async create(codeHash: string, userId: string, now: Date): Promise<void> {
    await this.codes.create({ _id: codeHash, userId: new Types.ObjectId(userId), createdAt: now });
  }

  /** The code's user, removing the code as it is read: a code works once. */
  async consume(codeHash: string): Promise<{ userId: string; createdAt: Date } | null> {
    const found = await this.codes.findById(codeHash).lean<SignInCode>().exec();
    if (!found) return null;
    const { deletedCount } = await this.codes.deleteOne({ _id: codeHash }).exec();
    return deletedCount > 0
      ? { userId: found.userId.toHexString(), createdAt: found.createdAt }
      : null;
  }

  async removeOlderThan(before: Date): Promise<void> {
    await this.codes.deleteMany({ createdAt: trusted({ $lt: before }) }).exec();
  }
}
