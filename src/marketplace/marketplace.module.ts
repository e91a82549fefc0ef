import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DocumentsModule } from '../documents/documents.module';
import { QuestionsModule } from '../questions/questions.module';
import { UsersModule } from '../users/users.module';
import { CheckoutsRepository } from './checkouts.repository';
import { EarningsService } from './earnings.service';
import { LedgerRepository } from './ledger.repository';
import { LicencesController } from './licences.controller';
import { LicencesRepository } from './licences.repository';
import { LicencesService } from './licences.service';
import { ListingsController } from './listings.controller';
import { ListingsRepository } from './listings.repository';
import { ListingsService } from './listings.service';
import { MarketplaceAdminController } from './marketplace-admin.controller';
import { PurchasesService } from './purchases.service';
import { Checkout, CheckoutSchema } from './schemas/checkout.schema';
import { LedgerEntry, LedgerEntrySchema } from './schemas/ledger-entry.schema';
import { Licence, LicenceSchema } from './schemas/licence.schema';
import { Listing, ListingSchema } from './schemas/listing.schema';
import { Rating, RatingSchema } from './schemas/rating.schema';
import { Seat, SeatSchema } from './schemas/seat.schema';
import { StripeEvent, StripeEventSchema } from './schemas/stripe-event.schema';
import { StripePayments } from './stripe-payments';
import { StripeWebhookController } from './stripe-webhook.controller';

/** Teachers sell content packs; buyers get licences to study them; the platform takes a share. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Listing.name, schema: ListingSchema },
      { name: Rating.name, schema: RatingSchema },
      { name: Licence.name, schema: LicenceSchema },
      { name: Seat.name, schema: SeatSchema },
      { name: LedgerEntry.name, schema: LedgerEntrySchema },
      { name: Checkout.name, schema: CheckoutSchema },
      { name: StripeEvent.name, schema: StripeEventSchema },
    ]),
    DocumentsModule,
    QuestionsModule,
    UsersModule,
  ],
  controllers: [
    ListingsController,
    LicencesController,
    MarketplaceAdminController,
    StripeWebhookController,
  ],
  providers: [
    ListingsRepository,
    LicencesRepository,
    LedgerRepository,
    CheckoutsRepository,
    StripePayments,
    ListingsService,
    LicencesService,
    PurchasesService,
    EarningsService,
  ],
})
export class MarketplaceModule {}
