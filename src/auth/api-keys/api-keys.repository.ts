import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ApiKey } from '../schemas/api-key.schema';

export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

type LeanKey = ApiKey & { _id: Types.ObjectId };

const toRecord = (key: LeanKey): ApiKeyRecord => ({
  id: key._id.toHexString(),
  userId: key.userId.toHexString(),
  name: key.name,
  secretHash: key.secretHash,
  scopes: key.scopes,
  expiresAt: key.expiresAt ?? null,
  lastUsedAt: key.lastUsedAt ?? null,
  createdAt: key.createdAt,
});

/** Every query on `api_keys`. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>) {}

  async create(key: Omit<ApiKeyRecord, 'lastUsedAt'>): Promise<ApiKeyRecord> {
    const created = await this.keys.create({
      _id: new Types.ObjectId(key.id),
      userId: new Types.ObjectId(key.userId),
      name: key.name,
      secretHash: key.secretHash,
      scopes: key.scopes,
      expiresAt: key.expiresAt,
      createdAt: key.createdAt,
    });
    return toRecord(created.toObject() as LeanKey);
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    const key = await this.keys.findById(id).lean<LeanKey>().exec();
    return key ? toRecord(key) : null;
  }

  async listOf(userId: string, limit: number): Promise<ApiKeyRecord[]> {
    const keys = await this.keys
      .find({ userId })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanKey[]>()
      .exec();
    return keys.map(toRecord);
  }

  async remove(id: string, userId: string): Promise<boolean> {
    const { deletedCount } = await this.keys.deleteOne({ _id: id, userId }).exec();
    return deletedCount > 0;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.keys.updateOne({ _id: id }, { $set: { lastUsedAt: now } }).exec();
  }
}
