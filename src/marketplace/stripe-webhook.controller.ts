import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExcludeController,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/decorators';
import { InvalidInputError } from '../common/errors';
import { WebhookResultDto } from './dto/licence.dto';
import { PurchasesService, type WebhookOutcome } from './purchases.service';

/** Stripe calls this; the signature over the raw body is the only authentication. */
@ApiExcludeController(false)
@Controller('api/marketplace/webhooks')
export class StripeWebhookController {
  constructor(private readonly purchases: PurchasesService) {}

  @Post('stripe')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe webhook (signed): grants licences and applies refunds' })
  @ApiOkResponse({ type: WebhookResultDto })
  @ApiBadRequestResponse({ description: 'Missing or invalid Stripe-Signature' })
  stripe(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<WebhookOutcome> {
    if (!request.rawBody) throw new InvalidInputError('The webhook body must be JSON');
    return this.purchases.handleWebhook(request.rawBody, signature);
  }
}
