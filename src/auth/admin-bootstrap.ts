import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';

/** Ensures the configured administrator exists (admins cannot self-register). Idempotent on every start. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.admin;
    if (!admin) return;
    const existing = await this.users.findByEmail(admin.email);
    if (existing?.role === 'admin') return;
    if (existing) {
      await this.users.promoteToAdmin(existing.id);
      this.logger.log(`Promoted ${admin.email} to admin`);
      return;
    }
    const passwordHash = await this.passwords.hash(admin.password);
    await this.users.create({
      email: admin.email,
      name: 'Administrator',
      role: 'admin',
      passwordHash,
    });
    this.logger.log(`Created admin account ${admin.email}`);
  }
}
