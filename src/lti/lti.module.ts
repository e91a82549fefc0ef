import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import type { FastifyInstance } from 'fastify';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { LtiController, LtiPlatformsController } from './lti.controller';
import { LtiRepository } from './lti.repository';
import { LtiService } from './lti.service';
import {
  LtiIdentity,
  LtiIdentitySchema,
  LtiLoginState,
  LtiLoginStateSchema,
  LtiNonce,
  LtiNonceSchema,
  LtiPlatform,
  LtiPlatformSchema,
  LtiToolKey,
  LtiToolKeySchema,
} from './schemas/lti.schemas';

/** Largest form body accepted (an LTI launch carries one signed id_token). */
const FORM_LIMIT_BYTES = 64 * 1024;

/** LMS launches (IMS LTI 1.3): platforms registered by administrators sign users in to the tool. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: LtiPlatform.name, schema: LtiPlatformSchema },
      { name: LtiToolKey.name, schema: LtiToolKeySchema },
      { name: LtiLoginState.name, schema: LtiLoginStateSchema },
      { name: LtiNonce.name, schema: LtiNonceSchema },
      { name: LtiIdentity.name, schema: LtiIdentitySchema },
    ]),
    AuthModule,
    UsersModule,
  ],
  controllers: [LtiController, LtiPlatformsController],
  providers: [LtiRepository, LtiService],
})
export class LtiModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Platforms post launches as HTML forms (application/x-www-form-urlencoded). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('application/x-www-form-urlencoded')) return;
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
  }
}
