import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import { IsObjectId } from '../../common/validation';
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
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Topics buyers filter by' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  topics: string[] = [];

  @ApiProperty({ example: 'en', description: 'Language of the content (BCP 47 tag)' })
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  language!: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level!: Level;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: 'Your ready documents' })
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

  @ApiProperty({ example: 'eur', description: 'ISO 4217 currency code, lower case' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code such as eur' })
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
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsObjectId('each documentId must be a document id', { each: true })
  documentIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_MINOR })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  priceMinor?: number;

  @ApiPropertyOptional({ example: 'eur' })
  @IsOptional()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lower-case ISO 4217 code such as eur' })
  currency?: string;

  @ApiPropertyOptional({ enum: LICENCE_KINDS })
  @IsOptional()
  @IsIn(LICENCE_KINDS)
  licenceKind?: LicenceKind;

  @ApiPropertyOptional({ minimum: 2, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(1000)
  seats?: number;

  @ApiPropertyOptional({
    enum: ['published', 'unlisted'],
    description: 'draft → published ⇄ unlisted. Licences already sold keep what was bought.',
  })
  @IsOptional()
  @IsIn(['published', 'unlisted'])
  status?: Exclude<ListingStatus, 'draft'>;
}

export class SearchListingsQuery {
  @ApiPropertyOptional({ maxLength: 200, description: 'Words in the title, description or topics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ minimum: 0, description: 'Lowest price, minor units' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  minPrice?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Highest price, minor units (0: free only)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  maxPrice?: number;

  @ApiPropertyOptional({ enum: LISTING_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(LISTING_SORTS)
  sort: ListingSort = 'newest';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
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
  @IsOptional()
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
