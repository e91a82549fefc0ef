import { Clock } from '../common/clock';
import { publishAudit } from '../infra/events/audit';
import { EventBus } from '../infra/events/event-bus';
import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../infra/redis/redis.service';
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

/** What the auth guard checks on every request: the current role, token version and 2FA state. */
export interface AccessState {
  role: Role;
  tokenVersion: number;
  twoFactorEnabled: boolean;
}

/** How long an instance may serve an access state from Redis; every change deletes the entry at once. */
const ACCESS_STATE_TTL_SECONDS = 300;

/** Owns the users collection; other modules go through this service. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    private readonly redis: RedisService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's current access state, from the shared Redis cache (all instances see the same entry,
   * and a change deletes it) or the database; null for a user that no longer exists.
   */
  async accessState(id: string): Promise<AccessState | null> {
    const key = this.redis.key(`access:${id}`);
    if (this.redis.available && this.redis.client) {
      const cached = await this.redis.client.get(key).catch(() => null);
      if (cached) return JSON.parse(cached) as AccessState;
    }
    const user = await this.users.findById(id);
    if (!user) return null;
    const state: AccessState = {
      role: user.role,
      tokenVersion: user.tokenVersion,
      twoFactorEnabled: user.twoFactorEnabled,
    };
    if (this.redis.available && this.redis.client) {
      await this.redis.client
        .set(key, JSON.stringify(state), { EX: ACCESS_STATE_TTL_SECONDS })
        .catch(() => undefined);
    }
    return state;
  }

  /** Drops the cached access state so every instance reads the change on the next request. */
  private async forgetAccessState(id: string): Promise<void> {
    if (!this.redis.client) return;
    await this.redis.client.del(this.redis.key(`access:${id}`)).catch((error: Error) => {
      this.logger.warn(`Could not invalidate access state of ${id}: ${error.message}`);
    });
  }

  private async updateAndRevoke(
    id: string,
    changes: Parameters<UsersRepository['update']>[1],
  ): Promise<UserRecord> {
    const user = await this.users.update(id, changes, { bumpTokenVersion: true });
    await this.forgetAccessState(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Ends every access token of the user on its next use (sign out everywhere). */
  async revokeAccessTokens(id: string): Promise<void> {
    await this.updateAndRevoke(id, {});
  }

  async setTwoFactorEnabled(id: string, enabled: boolean): Promise<void> {
    await this.updateAndRevoke(id, { twoFactorEnabled: enabled });
  }

  /** Removes the account; its tokens stop working on the next request. */
  async remove(id: string): Promise<void> {
    const removed = await this.users.remove(id);
    await this.forgetAccessState(id);
    if (!removed) throw new NotFoundError('User');
  }

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
    const updated = await this.updateAndRevoke(id, { role });
    this.roleChanged(actorId, id, role);
    return updated;
  }

  async promoteToAdmin(id: string): Promise<void> {
    await this.updateAndRevoke(id, { role: 'admin' });
    this.roleChanged(null, id, 'admin');
  }

  private roleChanged(actorId: string | null, id: string, role: Role): void {
    publishAudit(this.events, this.clock.now(), {
      action: 'user.role-change',
      outcome: 'success',
      actorId,
      subjectId: id,
      target: `${id} → ${role}`,
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.updateAndRevoke(id, { passwordHash });
  }
}
