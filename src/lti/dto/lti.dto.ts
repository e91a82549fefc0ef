import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { Optional } from '../../common/validation';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class RegisterPlatformDto {
  @ApiProperty({ maxLength: 200, example: 'Canvas at Example University' })
  @IsString()
  @Length(1, 200)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    maxLength: 500,
    example: 'https://canvas.instructure.com',
    description: 'The platform’s issuer (iss)',
  })
  @IsString()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS, { message: 'issuer must be a URL' })
  issuer!: string;

  @ApiProperty({
    maxLength: 255,
    description: 'This tool’s client id at the platform (the aud of its id_tokens)',
  })
  @IsString()
  @Length(1, 200)
  @MaxLength(255)
  clientId!: string;

  @ApiProperty({
    maxLength: 64,
    maxItems: 100,
    type: [String],
    description: 'Deployment ids allowed to launch',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @MaxLength(64, { each: true })
  deploymentIds!: string[];

  @ApiProperty({ maxLength: 2000, description: 'The platform’s OIDC authentication endpoint' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'authLoginUrl must be a URL' })
  authLoginUrl!: string;

  @ApiProperty({ maxLength: 2000, description: 'The platform’s public key set (JWKS) URL' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'jwksUrl must be a URL' })
  jwksUrl!: string;
}

export class PlatformDto extends RegisterPlatformDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  createdAt!: Date;
}

export class PlatformPageDto {
  @ApiProperty({ type: [PlatformDto] })
  items!: PlatformDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

/** The third-party login initiation parameters (query or form). */
export class LoginInitiationDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MaxLength(500)
  iss!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  login_hint!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  target_link_uri!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  client_id?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  lti_message_hint?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  lti_deployment_id?: string;
}

export class LaunchDto {
  @ApiProperty({ maxLength: 20000, description: 'The signed id_token from the platform' })
  @IsString()
  @MaxLength(20000)
  id_token!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(100)
  state!: string;
}
