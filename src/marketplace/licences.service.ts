import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination';
import { AppConfig } from '../config';
import { DocumentsService } from '../documents/documents.service';
import { UsersService } from '../users/users.service';
import type { Offer } from './checkouts.repository';
import { LedgerRepository } from './ledger.repository';
import { LicencesRepository, type LicenceRecord, type SeatRecord } from './licences.repository';
import { percentToBasisPoints, reversal, splitRevenue } from './revenue-share';

export type LicenceView = Omit<LicenceRecord, 'grantKey' | 'paymentIntentId'>;

const toView = ({ grantKey: _key, paymentIntentId: _pi, ...view }: LicenceRecord): LicenceView =>
  view;

/** The access a licence gives: documents granted under one source per licence, revoked whole. */
const accessSource = (licenceId: string) => `licence:${licenceId}`;

const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/**
 * Licences: granting (once per purchase, with the seller's ledger entry), revoking (access and ledger
 * reversed), classroom seats and the holder's lists. Every step is idempotent, so a webhook delivered
 * twice, or again after a crash half-way, leaves the same state.
 */
@Injectable()
export class LicencesService {
  private readonly logger = new Logger('Licences');

  constructor(
    private readonly licences: LicencesRepository,
    private readonly ledger: LedgerRepository,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async grant(
    grantKey: string,
    holderId: string,
    offer: Offer,
    paymentIntentId: string | null,
  ): Promise<LicenceRecord> {
    const licence = await this.licences.grantOnce(
      {
        grantKey,
        holderId,
        listingId: offer.listingId,
        sellerId: offer.sellerId,
        title: offer.title,
        kind: offer.kind,
        seats: offer.seats,
        documentIds: offer.documentIds,
        priceMinor: offer.priceMinor,
        currency: offer.currency,
        paymentIntentId,
      },
      this.clock.now(),
    );
    if (licence.status !== 'active') return licence;
    await this.documents.grantAccess(accessSource(licence.id), holderId, licence.documentIds);
    if (licence.priceMinor > 0) {
      const split = splitRevenue(licence.priceMinor, {
        basisPoints: percentToBasisPoints(this.config.marketplace.feePercent),
        minimumMinor: this.config.marketplace.feeMinimumMinor,
      });
      await this.ledger.record({
        kind: 'sale',
        sellerId: licence.sellerId,
        licenceId: licence.id,
        listingId: licence.listingId,
        currency: licence.currency,
        month: monthOf(licence.grantedAt),
        at: licence.grantedAt,
        ...split,
      });
    }
    return licence;
  }

  /** Takes the content away from the holder and every seat, and reverses the sale in the ledger. */
  async revoke(licence: LicenceRecord, reason: string): Promise<void> {
    const now = this.clock.now();
    if (await this.licences.revoke(licence.id, reason, now))
      this.logger.log(`Licence ${licence.id} revoked: ${reason}`);
    await this.documents.revokeAccess(accessSource(licence.id));
    const sale = await this.ledger.findSale(licence.id);
    if (sale) {
      await this.ledger.record({
        ...sale,
        ...reversal(sale),
        kind: 'refund',
        month: monthOf(now),
        at: now,
      });
    }
  }

  async findByPaymentIntent(paymentIntentId: string): Promise<LicenceRecord | null> {
    return this.licences.findByPaymentIntent(paymentIntentId);
  }

  async findActiveForHolder(listingId: string, holderId: string): Promise<LicenceRecord | null> {
    return this.licences.findActiveForHolder(listingId, holderId);
  }

  /** Any licence by id, for administrators. */
  async requireAny(id: string): Promise<LicenceRecord> {
    const licence = await this.licences.findById(id);
    if (!licence) throw new NotFoundError('Licence');
    return licence;
  }

  async get(holderId: string, id: string): Promise<LicenceView> {
    return toView(await this.requireHeld(holderId, id));
  }

  /** The caller's licences: those they bought, or those they hold a classroom seat of. */
  async list(
    userId: string,
    as: 'holder' | 'seat',
    limit: number,
    cursor?: string,
  ): Promise<Page<LicenceView>> {
    const rows =
      as === 'holder'
        ? await this.licences.listForHolder(userId, limit + 1, cursor)
        : await this.seatLicences(userId, limit + 1, cursor);
    const items = rows.slice(0, limit).map(toView);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  async seats(holderId: string, id: string): Promise<SeatRecord[]> {
    await this.requireClassroomLicence(holderId, id);
    return this.licences.seatsOf(id);
  }

  /** Gives a student one seat (idempotent per student); 409 once every seat is taken. */
  async assignSeat(holderId: string, id: string, email: string): Promise<SeatRecord> {
    const licence = await this.requireClassroomLicence(holderId, id);
    if (licence.status !== 'active') throw new ConflictError('The licence was revoked');
    const student = await this.users.findByEmail(email);
    if (!student) throw new NotFoundError('User');
    const seat = await this.licences.takeSeat(id, licence.seats, student.id, this.clock.now());
    if (seat === 'taken')
      throw new ConflictError(`All ${licence.seats} seats of this licence are taken`);
    await this.documents.grantAccess(accessSource(id), student.id, licence.documentIds);
    return seat;
  }

  async releaseSeat(holderId: string, id: string, userId: string): Promise<void> {
    await this.requireClassroomLicence(holderId, id);
    if (!(await this.licences.releaseSeat(id, userId))) throw new NotFoundError('Seat');
    if (userId !== holderId) await this.documents.revokeAccess(accessSource(id), userId);
  }

  private async seatLicences(userId: string, limit: number, cursor?: string) {
    const ids = await this.licences.seatLicenceIds(userId, limit, cursor);
    const found = new Map((await this.licences.findMany(ids)).map((l) => [l.id, l]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  private async requireHeld(holderId: string, id: string): Promise<LicenceRecord> {
    const licence = await this.licences.findById(id);
    if (!licence || licence.holderId !== holderId) throw new NotFoundError('Licence');
    return licence;
  }

  private async requireClassroomLicence(holderId: string, id: string): Promise<LicenceRecord> {
    const licence = await this.requireHeld(holderId, id);
    if (licence.kind !== 'classroom') throw new ConflictError('A personal licence has no seats');
    return licence;
  }
}
