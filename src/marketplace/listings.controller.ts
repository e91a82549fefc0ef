import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../common/decorators';
import type { AuthUser } from '../common/decorators';
import { PageQuery } from '../common/pagination';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe';
import { LicenceDto } from './dto/licence.dto';
import {
  CheckoutDto,
  CreateListingDto,
  ListingDetailDto,
  ListingDto,
  ListingPageDto,
  RateListingDto,
  SearchListingsQuery,
  UpdateListingDto,
} from './dto/listing.dto';
import { ListingsService } from './listings.service';
import { PurchasesService } from './purchases.service';

@ApiTags('marketplace')
@Authenticated()
@Controller('api/marketplace/listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly purchases: PurchasesService,
  ) {}

  @Post()
  @Authenticated({ roles: ['teacher', 'admin'] })
  @ApiOperation({ summary: 'List documents of yours with their questions (as a draft)' })
  @ApiCreatedResponse({ type: ListingDto })
  @ApiNotFoundResponse({ description: 'A document that is not yours or not ready' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateListingDto): Promise<ListingDto> {
    return this.listings.create(user.id, { ...body, seats: body.seats ?? 1 });
  }

  @Get()
  @ApiOperation({
    summary: 'Search published listings',
    description: 'By words, topic, level and price; newest first, by price or by rating.',
  })
  @ApiOkResponse({ type: ListingPageDto })
  search(@Query() query: SearchListingsQuery): Promise<ListingPageDto> {
    const { q, topic, level, minPrice, maxPrice, sort, limit, cursor } = query;
    return this.listings.search(
      { text: q, topic, level, minPriceMinor: minPrice, maxPriceMinor: maxPrice },
      sort,
      limit,
      cursor,
    );
  }

  @Get('mine')
  @Authenticated({ roles: ['teacher', 'admin'] })
  @ApiOperation({ summary: 'Your listings, whatever their status' })
  @ApiOkResponse({ type: ListingPageDto })
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<ListingPageDto> {
    return this.listings.mine(user.id, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A listing with a preview of its questions (no answers)' })
  @ApiOkResponse({ type: ListingDetailDto })
  @ApiNotFoundResponse()
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<ListingDetailDto> {
    return this.listings.get(user.id, id);
  }

  @Patch(':id')
  @Authenticated({ roles: ['teacher', 'admin'] })
  @ApiOperation({ summary: 'Edit your listing or change its status; sold licences do not change' })
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A status change that is not allowed' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateListingDto,
  ): Promise<ListingDto> {
    return this.listings.update(user.id, id, body);
  }

  @Post(':id/claim')
  @ApiOperation({ summary: 'Take a free listing: the licence is granted at once' })
  @ApiCreatedResponse({ type: LicenceDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A paid listing, or your own' })
  claim(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<LicenceDto> {
    return this.purchases.claim(user.id, id);
  }

  @Post(':id/checkout')
  @ApiOperation({
    summary: 'Start paying for a listing with Stripe Checkout',
    description: 'The licence is granted when Stripe confirms the payment through the webhook.',
  })
  @ApiCreatedResponse({ type: CheckoutDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A free listing, your own, or one you already hold' })
  @ApiServiceUnavailableResponse({ description: 'Payments are not configured or Stripe is down' })
  checkout(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
  ): Promise<CheckoutDto> {
    return this.purchases.checkout(user.id, id);
  }

  @Put(':id/rating')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate a listing you hold a licence for (replaces your earlier rating)' })
  @ApiOkResponse({ type: ListingDto })
  @ApiNotFoundResponse({ description: 'No such listing, or no licence of yours for it' })
  rate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: RateListingDto,
  ): Promise<ListingDto> {
    return this.listings.rate(user.id, id, body.stars, body.comment);
  }
}
