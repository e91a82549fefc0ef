import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import {
  LtiIdentity,
  LtiLoginState,
  LtiNonce,
  LtiPlatform,
  LtiToolKey,
} from './schemas/lti.schemas';

export interface PlatformRecord {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authLoginUrl: string;
  jwksUrl: string;
  createdAt: Date;
}

export interface ToolKeyRecord {
  kid: string;
  publicJwk: Record<string, unknown>;
  privateJwkSealed: string;
}

type LeanPlatform = LtiPlatform & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toPlatform = (p: LeanPlatform): PlatformRecord => ({
  id: p._id.toHexString(),
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  deploymentIds: p.deploymentIds,
  authLoginUrl: p.authLoginUrl,
  jwksUrl: p.jwksUrl,
  createdAt: p.createdAt,
});

/** Every query on the `lti_*` collections. */
@Injectable()
export class LtiRepository {
  constructor(
    @InjectModel(LtiPlatform.name) private readonly platforms: Model<LtiPlatform>,
    @InjectModel(LtiToolKey.name) private readonly keys: Model<LtiToolKey>,
    @InjectModel(LtiLoginState.name) private readonly states: Model<LtiLoginState>,
    @InjectModel(LtiNonce.name) private readonly nonces: Model<LtiNonce>,
    @InjectModel(LtiIdentity.name) private readonly identities: Model<LtiIdentity>,
    private readonly guard: WriteGuard,
  ) {}

  /** Null when a platform with this issuer and client id exists already. */
  async createPlatform(
    input: Omit<PlatformRecord, 'id' | 'createdAt'>,
  ): Promise<PlatformRecord | null> {
    return this.guard.insertUnique(async () =>
      toPlatform((await this.platforms.create(input)).toObject() as LeanPlatform),
    );
  }

  async listPlatforms(limit: number, cursor?: string): Promise<PlatformRecord[]> {
    const query: Record<string, unknown> = {};
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.platforms
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanPlatform[]>()
      .exec();
    return rows.map(toPlatform);
  }

  async findPlatform(id: string): Promise<PlatformRecord | null> {
    const p = await this.platforms.findById(id).lean<LeanPlatform>().exec();
    return p ? toPlatform(p) : null;
  }

  async findPlatformByIssuer(issuer: string, clientId?: string): Promise<PlatformRecord | null> {
    const p = await this.platforms
      .findOne(clientId === undefined ? { issuer } : { issuer, clientId })
      .lean<LeanPlatform>()
      .exec();
    return p ? toPlatform(p) : null;
  }

  async deletePlatform(id: string): Promise<boolean> {
    return (await this.platforms.deleteOne({ _id: id }).exec()).deletedCount > 0;
  }

  async findToolKey(): Promise<ToolKeyRecord | null> {
    return this.keys.findById('current').lean<LtiToolKey>().exec();
  }

  /** Stores the key unless another instance stored one first; returns the key in force. */
  async saveToolKey(key: ToolKeyRecord, now: Date): Promise<ToolKeyRecord> {
    const { value } = await this.guard.insertOrFind(
      async () => {
        await this.keys.create({ _id: 'current', ...key, createdAt: now });
        return key;
      },
      () => this.findToolKey(),
    );
    return value;
  }

  async createState(state: string, platformId: string, nonce: string, now: Date): Promise<void> {
    await this.states.create({ _id: state, platformId: oid(platformId), nonce, createdAt: now });
  }

  /** The login state, removed as it is read: a state works once. */
  async consumeState(
    state: string,
  ): Promise<{ platformId: string; nonce: string; createdAt: Date } | null> {
    const found = await this.states.findById(state).lean<LtiLoginState>().exec();
    if (!found) return null;
    const { deletedCount } = await this.states.deleteOne({ _id: state }).exec();
    return deletedCount > 0
      ? {
          platformId: found.platformId.toHexString(),
          nonce: found.nonce,
          createdAt: found.createdAt,
        }
      : null;
  }

  /** False when this nonce was used before (a replayed id_token). */
  async useNonce(platformId: string, nonce: string, now: Date): Promise<boolean> {
    const used = await this.guard.insertUnique(() =>
      this.nonces.create({ _id: `${platformId}:${nonce}`, usedAt: now }),
    );
    return used !== null;
  }

  async findIdentity(platformId: string, subject: string): Promise<string | null> {
    const identity = await this.identities
      .findById(`${platformId}:${subject}`)
      .lean<LtiIdentity>()
      .exec();
    return identity ? identity.userId.toHexString() : null;
  }

  /** Links the platform user to the account; the first link wins when two launches race. */
  async linkIdentity(
    platformId: string,
    subject: string,
    userId: string,
    now: Date,
  ): Promise<string> {
    const { value } = await this.guard.insertOrFind(
      async () => {
        await this.identities.create({
          _id: `${platformId}:${subject}`,
          userId: oid(userId),
          platformId: oid(platformId),
          createdAt: now,
        });
        return userId;
      },
      () => this.findIdentity(platformId, subject),
    );
    return value;
  }

  /** Removes logins and nonces older than their lifetimes. */
  async removeExpired(statesBefore: Date, noncesBefore: Date): Promise<void> {
    await this.states.deleteMany({ createdAt: trusted({ $lt: statesBefore }) }).exec();
    await this.nonces.deleteMany({ usedAt: trusted({ $lt: noncesBefore }) }).exec();
  }
}
