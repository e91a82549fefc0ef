import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { Role } from '../common/decorators';
import { User } from './schemas/user.schema';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  timezone: string;
  passwordHash: string;
  tokenVersion: number;
  twoFactorEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type LeanUser = User & { _id: { toHexString(): string } };

function toRecord(user: LeanUser): UserRecord {
  return {
    id: user._id.toHexString(),
    email: user.email,
    name: user.name,
    role: user.role,
    timezone: user.timezone,
    passwordHash: user.passwordHash,
    tokenVersion: user.tokenVersion ?? 0,
    twoFactorEnabled: user.twoFactorEnabled ?? false,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

@Injectable()
export class UsersRepository {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    private readonly guard: WriteGuard,
  ) {}

  /** Null when the email is already taken (the unique index decides between concurrent calls). */
  async create(
    data: Pick<User, 'email' | 'emailNormalized' | 'name' | 'role' | 'passwordHash' | 'timezone'>,
  ): Promise<UserRecord | null> {
    const created = await this.guard.insertUnique(() => this.users.create(data));
    return created && toRecord(created.toObject() as LeanUser);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const user = await this.users.findById(id).lean<LeanUser>().exec();
    return user ? toRecord(user) : null;
  }

  async remove(id: string): Promise<boolean> {
    const { deletedCount } = await this.users.deleteOne({ _id: id }).exec();
    return deletedCount > 0;
  }

  async findByNormalizedEmail(emailNormalized: string): Promise<UserRecord | null> {
    const user = await this.users.findOne({ emailNormalized }).lean<LeanUser>().exec();
    return user ? toRecord(user) : null;
  }

  /** One page in id order, after the cursor; `limit + 1` rows so the caller knows if there is more. */
  async list(filter: { role?: Role; cursor?: string; limit: number }): Promise<UserRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.role) query.role = filter.role;
    if (filter.cursor) query._id = trusted({ $gt: filter.cursor });
    const users = await this.users
      .find(query)
      .sort({ _id: 1 })
      .limit(filter.limit + 1)
      .lean<LeanUser[]>()
      .exec();
    return users.map(toRecord);
  }

  async update(
    id: string,
    changes: Partial<Pick<User, 'name' | 'timezone' | 'passwordHash' | 'role' | 'twoFactorEnabled'>>,
    options: { bumpTokenVersion?: boolean } = {},
  ): Promise<UserRecord | null> {
    const update: Record<string, unknown> = {};
    if (Object.keys(changes).length > 0) update.$set = changes;
    if (options.bumpTokenVersion) update.$inc = { tokenVersion: 1 };
    const user = await this.users
      .findByIdAndUpdate(id, update, { returnDocument: 'after', runValidators: true })
      .lean<LeanUser>()
      .exec();
    return user ? toRecord(user) : null;
  }
}
