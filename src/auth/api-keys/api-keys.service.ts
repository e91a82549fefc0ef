import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import { Clock } from '../../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { publishAudit } from '../../infra/events/audit';
import type { AuditRecord, RequestContext } from '../../infra/events/audit';
import { EventBus } from '../../infra/events/event-bus';
import { API_KEY_FORMAT } from './api-key-scopes';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

/** Keys one user may hold at a time. */
export const MAX_KEYS_PER_USER = 10;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const toDto = (key: ApiKeyRecord): ApiKeyDto => ({
  id: key.id,
  name: key.name,
  prefix: `alk_${key.id.slice(0, 8)}`,
  scopes: key.scopes,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  expiresAt: key.expiresAt,
});

/** Scoped API keys: the secret is shown once and only its hash is kept. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  async create(userId: string, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const now = this.clock.now();
    if (input.expiresAt && input.expiresAt <= now)
      throw new InvalidInputError('expiresAt must be in the future');
    if ((await this.keys.listOf(userId, MAX_KEYS_PER_USER)).length >= MAX_KEYS_PER_USER)
      throw new ConflictError(`At most ${MAX_KEYS_PER_USER} API keys; revoke one first`);
    const id = new Types.ObjectId().toHexString();
    const secret = randomBytes(32).toString('base64url');
    const created = await this.keys.create({
      id,
      userId,
      name: input.name,
      secretHash: sha256(secret).toString('hex'),
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      createdAt: now,
    });
    this.audit({ action: 'api-key.create', outcome: 'success', actorId: userId, target: id });
    return { ...toDto(created), key: `alk_${id}_${secret}` };
  }

  async list(userId: string): Promise<ApiKeyDto[]> {
    return (await this.keys.listOf(userId, MAX_KEYS_PER_USER)).map(toDto);
  }

  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.keys.remove(id, userId))) throw new NotFoundError('API key');
    this.audit({ action: 'api-key.revoke', outcome: 'success', actorId: userId, target: id });
  }

  /** A key that was refused (unknown, revoked, expired, wrong secret or lacking the scope). */
  refused(keyId: string | null, ownerId: string | null, reason: string, context: RequestContext): void {
    this.audit({
      action: 'api-key.use',
      outcome: 'failure',
      actorId: null,
      subjectId: ownerId,
      target: `${keyId ?? 'malformed key'} (${reason})`,
      context,
    });
  }

  private audit(record: AuditRecord): void {
    publishAudit(this.events, this.clock.now(), record);
  }

  /** The owner and scopes of a live key, or null (unknown, revoked, expired or wrong secret). */
  async authenticate(
    key: string,
    context: RequestContext,
  ): Promise<{ userId: string; scopes: string[] } | null> {
    const match = API_KEY_FORMAT.exec(key);
    if (!match) return this.refusedWith(null, null, 'malformed', context);
    const found = await this.keys.findById(match[1]);
    if (!found) return this.refusedWith(match[1], null, 'unknown or revoked', context);
    const now = this.clock.now();
    if (found.expiresAt && found.expiresAt <= now)
      return this.refusedWith(found.id, found.userId, 'expired', context);
    if (!timingSafeEqual(Buffer.from(found.secretHash, 'hex'), sha256(match[2])))
      return this.refusedWith(found.id, found.userId, 'wrong secret', context);
    await this.keys.touch(found.id, now);
    return { userId: found.userId, scopes: found.scopes };
  }

  private refusedWith(
    keyId: string | null,
    ownerId: string | null,
    reason: string,
    context: RequestContext,
  ): null {
    this.refused(keyId, ownerId, reason, context);
    return null;
  }
}
