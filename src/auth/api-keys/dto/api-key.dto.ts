import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsString,
  Length,
} from 'class-validator';
import { API_SCOPES } from '../../../common/decorators';
import type { ApiScope } from '../../../common/decorators';
import { Optional } from '../../../common/validation';

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Reporting script' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true, minItems: 1, maxItems: API_SCOPES.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_SCOPES, { each: true })
  scopes!: ApiScope[];

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'No expiry when omitted' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class ApiKeyDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ maxLength: 100 })
  name!: string;

  @ApiProperty({ description: 'The start of the key, to recognise it', example: 'alk_65f0c1d2' })
  prefix!: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true })
  scopes!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself, shown only now: send it as Bearer or X-API-Key' })
  key!: string;
}
