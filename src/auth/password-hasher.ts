import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Stored for accounts created by a sign-in provider: no password matches it. */
export const NO_PASSWORD = '!';

@Injectable()
export class PasswordHasher {
  // Verified against when the email is unknown, so a failed login takes the same time either way.
  private readonly decoy = argon2.hash('decoy-password-for-constant-time', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      if (hash === NO_PASSWORD) {
        await argon2.verify(await this.decoy, password);
        return false;
      }
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
