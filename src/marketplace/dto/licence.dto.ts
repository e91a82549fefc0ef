import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { LICENCE_KINDS, type LicenceKind } from '../schemas/listing.schema';
import { LICENCE_STATUSES, type LicenceStatus } from '../schemas/licence.schema';
import { Optional } from '../../common/validation';

export class LicencesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['holder', 'seat'],
    default: 'holder',
    description: 'holder: licences you bought or claimed; seat: classroom seats given to you',
  })
  @Optional()
  @IsIn(['holder', 'seat'])
  as: 'holder' | 'seat' = 'holder';
}

export class AssignSeatDto {
  @ApiProperty({ maxLength: 254, description: 'Email of the student to seat' })
  @MaxLength(254)
  @IsEmail()
  email!: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class EarningsQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (default: 11 months before `to`)',
  })
  @Optional()
  @Matches(MONTH, { message: 'from must be a month such as 2026-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (default: this month)' })
  @Optional()
  @Matches(MONTH, { message: 'to must be a month such as 2026-12' })
  to?: string;
}

export class PayoutsQuery {
  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: 'month must be a month such as 2026-11' })
  month!: string;
}

export class LicenceDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  listingId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty()
  holderId!: string;

  @ApiProperty({ description: 'The listing’s title when it was bought' })
  title!: string;

  @ApiProperty({ enum: LICENCE_KINDS })
  kind!: LicenceKind;

  @ApiProperty()
  seats!: number;

  @ApiProperty({ type: [String], description: 'Documents you may read and practise on' })
  documentIds!: string[];

  @ApiProperty()
  priceMinor!: number;

  @ApiProperty()
  currency!: string;

  @ApiProperty({ enum: LICENCE_STATUSES })
  status!: LicenceStatus;

  @ApiProperty()
  grantedAt!: Date;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt!: Date | null;

  @ApiProperty({ nullable: true, type: String })
  revokedReason!: string | null;
}

export class LicencePageDto {
  @ApiProperty({ type: [LicenceDto] })
  items!: LicenceDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  next!: string | null;
}

export class SeatDto {
  @ApiProperty()
  licenceId!: string;

  @ApiProperty()
  userId!: string;

  @ApiProperty()
  slot!: number;

  @ApiProperty()
  assignedAt!: Date;
}

class EarningsLineDto {
  @ApiProperty()
  currency!: string;

  @ApiProperty()
  sales!: number;

  @ApiProperty()
  refunds!: number;

  @ApiProperty({ description: 'Minor units' })
  grossMinor!: number;

  @ApiProperty({ description: 'The platform’s fee, minor units' })
  feeMinor!: number;

  @ApiProperty({ description: 'The seller’s earnings, minor units' })
  netMinor!: number;
}

export class MonthlyEarningsDto extends EarningsLineDto {
  @ApiProperty({ example: '2026-11' })
  month!: string;
}

export class SellerPayoutDto extends EarningsLineDto {
  @ApiProperty()
  sellerId!: string;
}

export class WebhookResultDto {
  @ApiProperty()
  received!: boolean;

  @ApiProperty({ enum: ['processed', 'ignored', 'duplicate'] })
  outcome!: string;
}
