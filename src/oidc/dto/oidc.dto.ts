import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export class RegisterProviderDto {
  @ApiProperty({ maxLength: 200, example: 'google', description: 'Used in the sign-in URLs' })
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'name must be 2-40 lower-case letters, digits or -' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 200, example: 'Google' })
  @IsString()
  @Length(1, 100)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ maxLength: 500, example: 'https://accounts.google.com' })
  @IsString()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'issuer must be a URL' },
  )
  issuer!: string;

  @ApiProperty({ maxLength: 255 })
  @IsString()
  @Length(1, 300)
  @MaxLength(255)
  clientId!: string;

  @ApiProperty({ maxLength: 1024, description: 'Stored sealed (AES-256-GCM); never shown again' })
  @IsString()
  @Length(1, 500)
  @MaxLength(1024)
  clientSecret!: string;
}

export class ProviderDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  issuer!: string;

  @ApiProperty()
  clientId!: string;

  @ApiProperty()
  createdAt!: Date;
}

export class ConfirmLinkDto {
  @ApiProperty({ maxLength: 64, description: 'The `link` code the sign-in put in the app’s URL' })
  @IsString()
  @Length(1, 100)
  @MaxLength(64)
  code!: string;

  @ApiProperty({ maxLength: 128, description: 'The password of the existing account' })
  @IsString()
  @Length(1, 200)
  @MaxLength(128)
  password!: string;
}

export class IdentityDto {
  @ApiProperty()
  provider!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ nullable: true, type: String })
  email!: string | null;

  @ApiProperty()
  linkedAt!: Date;
}

export class AuthorizationUrlDto {
  @ApiProperty({ description: 'Send the browser here' })
  url!: string;
}
