import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenCleanupJob } from './refresh-token-cleanup.job';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RefreshToken, RefreshTokenSchema } from './schemas/refresh-token.schema';
import { TokensService } from './tokens.service';
import { SignInCode, SignInCodeSchema } from './schemas/sign-in-code.schema';
import {
  MfaChallenge,
  MfaChallengeSchema,
  RevokedFamily,
  RevokedFamilySchema,
  TwoFactor,
  TwoFactorSchema,
  UsedCode,
  UsedCodeSchema,
} from './schemas/two-factor.schema';
import { ApiKey, ApiKeySchema } from './schemas/api-key.schema';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AttemptCounter } from '../infra/throttling/attempt-counter';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorRepository } from './two-factor/two-factor.repository';
import { TwoFactorService } from './two-factor/two-factor.service';
import { SignInCodesController } from './sign-in-codes.controller';
import { SignInCodesRepository } from './sign-in-codes.repository';
import { SignInCodesService } from './sign-in-codes.service';

@Module({
  imports: [
    UsersModule,
    MongooseModule.forFeature([
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: SignInCode.name, schema: SignInCodeSchema },
      { name: TwoFactor.name, schema: TwoFactorSchema },
      { name: UsedCode.name, schema: UsedCodeSchema },
      { name: MfaChallenge.name, schema: MfaChallengeSchema },
      { name: RevokedFamily.name, schema: RevokedFamilySchema },
      { name: ApiKey.name, schema: ApiKeySchema },
    ]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object made once: given a string, jsonwebtoken tries (and fails) to parse it as a
        // public key on every verification, which cost more than the rest of an authenticated request.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, SignInCodesController, TwoFactorController, ApiKeysController],
  providers: [
    AuthService,
    AdminBootstrap,
    PasswordHasher,
    TokensService,
    RefreshTokensRepository,
    RefreshTokenCleanupJob,
    SignInCodesRepository,
    SignInCodesService,
    TwoFactorRepository,
    TwoFactorService,
    AttemptCounter,
    ApiKeysRepository,
    ApiKeysService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokensService, PasswordHasher, SignInCodesService],
})
export class AuthModule {}
