import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { OidcIdentity, OidcLogin, OidcPendingLink, OidcProvider } from './schemas/oidc.schemas';

export interface ProviderRecord {
  id: string;
  name: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  createdAt: Date;
}

export interface LoginRecord {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  linkUserId: string | null;
  createdAt: Date;
}

export interface IdentityRecord {
  userId: string;
  providerId: string;
  subject: string;
  email: string | null;
  createdAt: Date;
}

export interface PendingLinkRecord {
  providerId: string;
  subject: string;
  email: string;
  userId: string;
  createdAt: Date;
}

type LeanProvider = OidcProvider & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toProvider = (p: LeanProvider): ProviderRecord => ({
  id: p._id.toHexString(),
  name: p.name,
  displayName: p.displayName,
  issuer: p.issuer,
  clientId: p.clientId,
  clientSecretSealed: p.clientSecretSealed,
  createdAt: p.createdAt,
});

const toIdentity = (i: OidcIdentity): IdentityRecord => ({
  userId: i.userId.toHexString(),
  providerId: i.providerId.toHexString(),
  subject: i.subject,
  email: i.email ?? null,
  createdAt: i.createdAt,
});

/** Every query on the `oidc_*` collections. */
@Injectable()
export class OidcRepository {
  constructor(
    @InjectModel(OidcProvider.name) private readonly providers: Model<OidcProvider>,
    @InjectModel(OidcLogin.name) private readonly logins: Model<OidcLogin>,
    @InjectModel(OidcIdentity.name) private readonly identities: Model<OidcIdentity>,
    @InjectModel(OidcPendingLink.name) private readonly pending: Model<OidcPendingLink>,
    private readonly guard: WriteGuard,
  ) {}

  /** Null when the name is taken. */
  async createProvider(
    input: Omit<ProviderRecord, 'id' | 'createdAt'>,
  ): Promise<ProviderRecord | null> {
    return this.guard.insertUnique(async () =>
      toProvider((await this.providers.create(input)).toObject() as LeanProvider),
    );
  }

  async listProviders(): Promise<ProviderRecord[]> {
    const rows = await this.providers
      .find()
      .sort({ _id: 1 })
      .limit(100)
      .lean<LeanProvider[]>()
      .exec();
    return rows.map(toProvider);
  }

  async findProviderByName(name: string): Promise<ProviderRecord | null> {
    const p = await this.providers.findOne({ name }).lean<LeanProvider>().exec();
    return p ? toProvider(p) : null;
  }

  async findProvider(id: string): Promise<ProviderRecord | null> {
    const p = await this.providers.findById(id).lean<LeanProvider>().exec();
    return p ? toProvider(p) : null;
  }

  async deleteProvider(id: string): Promise<boolean> {
    return (await this.providers.deleteOne({ _id: id }).exec()).deletedCount > 0;
  }

  async createLogin(
    state: string,
    login: Omit<LoginRecord, 'createdAt'>,
    now: Date,
  ): Promise<void> {
    await this.logins.create({
      _id: state,
      providerId: oid(login.providerId),
      nonce: login.nonce,
      codeVerifier: login.codeVerifier,
      ...(login.linkUserId && { linkUserId: oid(login.linkUserId) }),
      createdAt: now,
    });
  }

  /** The sign-in of this state, removed as it is read: a state works once. */
  async consumeLogin(state: string): Promise<LoginRecord | null> {
    const found = await this.logins.findById(state).lean<OidcLogin>().exec();
    if (!found || (await this.logins.deleteOne({ _id: state }).exec()).deletedCount === 0)
      return null;
    return {
      providerId: found.providerId.toHexString(),
      nonce: found.nonce,
      codeVerifier: found.codeVerifier,
      linkUserId: found.linkUserId?.toHexString() ?? null,
      createdAt: found.createdAt,
    };
  }

  async findIdentity(providerId: string, subject: string): Promise<IdentityRecord | null> {
    const i = await this.identities
      .findById(`${providerId}:${subject}`)
      .lean<OidcIdentity>()
      .exec();
    return i ? toIdentity(i) : null;
  }

  /** Links the provider account; 'taken' when it (or this provider) is linked already. */
  async link(identity: Omit<IdentityRecord, 'createdAt'>, now: Date): Promise<'linked' | 'taken'> {
    const linked = await this.guard.insertUnique(() =>
      this.identities.create({
        _id: `${identity.providerId}:${identity.subject}`,
        userId: oid(identity.userId),
        providerId: oid(identity.providerId),
        subject: identity.subject,
        ...(identity.email && { email: identity.email }),
        createdAt: now,
      }),
    );
    return linked ? 'linked' : 'taken';
  }

  async identitiesOf(userId: string): Promise<IdentityRecord[]> {
    const rows = await this.identities
      .find({ userId: oid(userId) })
      .lean<OidcIdentity[]>()
      .exec();
    return rows.map(toIdentity);
  }

  async unlink(userId: string, providerId: string): Promise<boolean> {
    const result = await this.identities
      .deleteOne({ userId: oid(userId), providerId: oid(providerId) })
      .exec();
    return result.deletedCount > 0;
  }

  async createPendingLink(codeHash: string, link: Omit<PendingLinkRecord, 'createdAt'>, now: Date) {
    await this.pending.create({
      _id: codeHash,
      providerId: oid(link.providerId),
      subject: link.subject,
      email: link.email,
      userId: oid(link.userId),
      createdAt: now,
    });
  }

  async consumePendingLink(codeHash: string): Promise<PendingLinkRecord | null> {
    const found = await this.pending.findById(codeHash).lean<OidcPendingLink>().exec();
    if (!found || (await this.pending.deleteOne({ _id: codeHash }).exec()).deletedCount === 0)
      return null;
    return {
      providerId: found.providerId.toHexString(),
      subject: found.subject,
      email: found.email,
      userId: found.userId.toHexString(),
      createdAt: found.createdAt,
    };
  }

  async removeExpired(before: Date): Promise<void> {
    await this.logins.deleteMany({ createdAt: trusted({ $lt: before }) }).exec();
    await this.pending.deleteMany({ createdAt: trusted({ $lt: before }) }).exec();
  }
}
