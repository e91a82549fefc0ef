import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { Role } from '../common/decorators';
import { ListUsersQuery, UpdateProfileDto, UserDto } from './dto/user.dto';
import { UserRecord, UsersRepository } from './users.repository';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toUserDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timezone: user.timezone,
    createdAt: user.createdAt,
  };
}

/** Owns the users collection; other modules go through this service. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async create(input: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    timezone?: string;
  }): Promise<UserRecord> {
    const emailNormalized = normalizeEmail(input.email);
    if (await this.users.findByNormalizedEmail(emailNormalized)) {
      throw new ConflictError('An account with this email already exists');
    }
    const created = await this.users.create({
      email: input.email.trim(),
      emailNormalized,
      name: input.name,
      role: input.role,
      passwordHash: input.passwordHash,
      timezone: input.timezone ?? 'UTC',
    });
    // Null: a concurrent registration with the same email won the race on the unique index.
    if (!created) throw new ConflictError('An account with this email already exists');
    return created;
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findByNormalizedEmail(normalizeEmail(email));
  }

  async getById(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  async updateProfile(id: string, changes: UpdateProfileDto): Promise<UserRecord> {
    const user = await this.users.update(id, changes);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Up to `limit` users after `afterId` in id order (for passes over every user, a page at a time). */
  async pageAfter(afterId: string | undefined, limit: number): Promise<UserRecord[]> {
    const rows = await this.users.list({ cursor: afterId, limit });
    return rows.slice(0, limit);
  }

  async list(query: ListUsersQuery): Promise<Page<UserDto>> {
    const rows = await this.users.list({
      role: query.role,
      cursor: query.cursor,
      limit: query.limit,
    });
    const page = toPage(rows, query.limit);
    return { items: page.items.map(toUserDto), next: page.next };
  }

  /** Admins change roles; nobody changes their own, so the last admin cannot lock everyone out by accident. */
  async setRole(actorId: string, id: string, role: Role): Promise<UserRecord> {
    if (actorId === id) throw new ConflictError('You cannot change your own role');
    const user = await this.users.update(id, { role });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  async promoteToAdmin(id: string): Promise<void> {
    if (!(await this.users.update(id, { role: 'admin' }))) throw new NotFoundError('User');
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    if (!(await this.users.update(id, { passwordHash }))) throw new NotFoundError('User');
  }
}
