import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { IdentitiesController, OidcController, OidcProvidersController } from './oidc.controller';
import { OidcRepository } from './oidc.repository';
import { OidcService } from './oidc.service';
import {
  OidcIdentity,
  OidcIdentitySchema,
  OidcLogin,
  OidcLoginSchema,
  OidcPendingLink,
  OidcPendingLinkSchema,
  OidcProvider,
  OidcProviderSchema,
} from './schemas/oidc.schemas';

/** Sign-in with OpenID Connect providers, and the identities linked to accounts. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: OidcProvider.name, schema: OidcProviderSchema },
      { name: OidcLogin.name, schema: OidcLoginSchema },
      { name: OidcIdentity.name, schema: OidcIdentitySchema },
      { name: OidcPendingLink.name, schema: OidcPendingLinkSchema },
    ]),
    AuthModule,
    UsersModule,
  ],
  controllers: [OidcController, IdentitiesController, OidcProvidersController],
  providers: [OidcRepository, OidcService],
})
export class OidcModule {}
