import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import { IsObjectId, Optional } from '../../common/validation';
import { LISTING_SORTS, type ListingSort } from '../listing-search';
import {
  LEVELS,
  LICENCE_KINDS,
  type Level,
  type LicenceKind,
  type ListingStatus,
} from '../schemas/listing.schema';

const MAX_PRICE_MINOR = 100_000_000;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export class CreateListingDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @ApiPropertyOptional({
    maxLength: 100,
    type: [String],
    maxItems: 20,
    description: 'Topics buyers filter by',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @MaxLength(100, { each: true })
  topics: string[] = [];

  @ApiProperty({
    maxLength: 35,
    example: 'en',
    description: 'Language of the content (BCP 47 tag)',
  })
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  @MaxLength(35)
  language!: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level!: Level;

  @ApiProperty({
    maxLength: 24,
    type: [String],
    minItems: 1,
    maxItems: 20,
    description: 'Your ready documents',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsObjectId('each documentId must be a document id', { each: true })
  documentIds!: string[];

  @ApiProperty({
    minimum: 0,
    maximum: MAX_PRICE_MINOR,
    description: 'Price in minor units of the currency (cents); 0 is free',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  priceMinor!: number;

  @ApiProperty({ maxLength: 3, example: 'eur', description: 'ISO 4217 currency code, lower case' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code such as eur' })
  @MaxLength(3)
  currency!: string;

  @ApiProperty({ enum: LICENCE_KINDS, description: 'personal, or classroom with seats' })
  @IsIn(LICENCE_KINDS)
  licenceKind!: LicenceKind;

  @ApiPropertyOptional({ minimum: 2, maximum: 1000, description: 'Seats of a classroom licence' })
  @ValidateIf((o: CreateListingDto) => o.licenceKind === 'classroom' || o.seats !== undefined)
  @IsInt()
  @Min(2)
  @Max(1000)
  seats?: number;
}

export class UpdateListingDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 100, type: [String], maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @MaxLength(100, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ maxLength: 35, example: 'en' })
  @Optional()
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  @MaxLength(35)
  language?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @Optional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ maxLength: 24, type: [String], minItems: 1, maxItems: 20 })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsObjectId('each documentId must be a document id', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_MINOR })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  priceMinor?: number;

  @ApiPropertyOptional({ maxLength: 3, example: 'eur' })
  @Optional()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code such as eur' })
  @MaxLength(3)
  currency?: string;

  @ApiPropertyOptional({ enum: LICENCE_KINDS })
  @Optional()
  @IsIn(LICENCE_KINDS)
  licenceKind?: LicenceKind;

  @ApiPropertyOptional({ minimum: 2, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(2)
  @Max(1000)
  seats?: number;

  @ApiPropertyOptional({
    enum: ['published', 'unlisted'],
    description: 'draft → published ⇄ unlisted. Licences already sold keep what was bought.',
  })
  @Optional()
  @IsIn(['published', 'unlisted'])
  status?: Exclude<ListingStatus, 'draft'>;
}

export class SearchListingsQuery {
  @ApiPropertyOptional({ maxLength: 200, description: 'Words in the title, description or topics' })
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @Optional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ minimum: 0, description: 'Lowest price, minor units' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  minPrice?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Highest price, minor units (0: free only)' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  maxPrice?: number;

  @ApiPropertyOptional({ enum: LISTING_SORTS, default: 'newest' })
  @Optional()
  @IsIn(LISTING_SORTS)
  sort: ListingSort = 'newest';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class RateListingDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  comment: string = '';
}

export class ListingDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty()
  language!: string;

  @ApiProperty({ enum: LEVELS })
  level!: Level;

  @ApiProperty({ type: [String] })
  documentIds!: string[];

  @ApiProperty({ description: 'Minor units; 0 is free' })
  priceMinor!: number;

  @ApiProperty()
  currency!: string;

  @ApiProperty({ enum: LICENCE_KINDS })
  licenceKind!: LicenceKind;

  @ApiProperty()
  seats!: number;

  @ApiProperty({ enum: ['draft', 'published', 'unlisted'] })
  status!: ListingStatus;

  @ApiProperty({ description: 'Average of the buyers’ ratings (0 when none)' })
  ratingAverage!: number;

  @ApiProperty()
  ratingCount!: number;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class PreviewChoiceDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  text!: string;
}

export class PreviewQuestionDto {
  @ApiProperty()
  type!: string;

  @ApiProperty()
  topic!: string;

  @ApiProperty()
  stem!: string;

  @ApiProperty({ type: [PreviewChoiceDto] })
  choices!: PreviewChoiceDto[];
}

export class ListingDetailDto extends ListingDto {
  @ApiProperty({ type: [PreviewQuestionDto], description: 'Sample questions, without answers' })
  preview!: PreviewQuestionDto[];
}

export class ListingPageDto {
  @ApiProperty({ type: [ListingDto] })
  items!: ListingDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class CheckoutDto {
  @ApiProperty()
  checkoutId!: string;

  @ApiProperty({ description: 'Stripe Checkout page to send the buyer to' })
  url!: string;
}
