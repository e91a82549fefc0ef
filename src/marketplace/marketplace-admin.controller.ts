import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../common/decorators';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import { PayoutsQuery, SellerPayoutDto } from './dto/licence.dto';
import { EarningsService } from './earnings.service';
import { PurchasesService } from './purchases.service';

@ApiTags('marketplace')
@Authenticated({ roles: ['admin'] })
@Controller('api/admin/marketplace')
export class MarketplaceAdminController {
  constructor(
    private readonly purchases: PurchasesService,
    private readonly earnings: EarningsService,
  ) {}

  @Post('licences/:id/refund')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Refund a paid licence',
    description: 'Stripe refunds the payment; the licence is revoked and the sale reversed.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A free licence' })
  @ApiServiceUnavailableResponse({ description: 'Stripe is not configured or did not answer' })
  async refund(@Param('id', ParseObjectIdPipe) id: string): Promise<void> {
    await this.purchases.refund(id);
  }

  @Get('payouts')
  @ApiOperation({ summary: 'What each seller earned in a month, per currency (minor units)' })
  @ApiOkResponse({ type: [SellerPayoutDto] })
  payouts(@Query() query: PayoutsQuery): Promise<SellerPayoutDto[]> {
    return this.earnings.payouts(query.month);
  }
}
