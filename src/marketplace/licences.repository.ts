import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import { Licence, type LicenceStatus } from './schemas/licence.schema';
import type { LicenceKind } from './schemas/listing.schema';
import { Seat } from './schemas/seat.schema';

export interface LicenceRecord {
  id: string;
  grantKey: string;
  listingId: string;
  sellerId: string;
  holderId: string;
  title: string;
  kind: LicenceKind;
  seats: number;
  documentIds: string[];
  priceMinor: number;
  currency: string;
  status: LicenceStatus;
  paymentIntentId: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export type NewLicence = Omit<
  LicenceRecord,
  'id' | 'status' | 'revokedAt' | 'revokedReason' | 'grantedAt'
>;

export interface SeatRecord {
  licenceId: string;
  userId: string;
  slot: number;
  assignedAt: Date;
}

type LeanLicence = Licence & { _id: Types.ObjectId };
type LeanSeat = Seat & { licenceId: Types.ObjectId; userId: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (l: LeanLicence): LicenceRecord => ({
  id: l._id.toHexString(),
  grantKey: l.grantKey,
  listingId: l.listingId.toHexString(),
  sellerId: l.sellerId.toHexString(),
  holderId: l.holderId.toHexString(),
  title: l.title,
  kind: l.kind,
  seats: l.seats,
  documentIds: l.documentIds.map((d) => d.toHexString()),
  priceMinor: l.priceMinor,
  currency: l.currency,
  status: l.status,
  paymentIntentId: l.paymentIntentId ?? null,
  grantedAt: l.grantedAt,
  revokedAt: l.revokedAt ?? null,
  revokedReason: l.revokedReason ?? null,
});

const toSeat = (s: LeanSeat): SeatRecord => ({
  licenceId: s.licenceId.toHexString(),
  userId: s.userId.toHexString(),
  slot: s.slot,
  assignedAt: s.assignedAt,
});

/** Every query on `marketplace_licences` and `marketplace_seats`. */
@Injectable()
export class LicencesRepository {
  constructor(
    @InjectModel(Licence.name) private readonly licences: Model<Licence>,
    @InjectModel(Seat.name) private readonly seats: Model<Seat>,
    private readonly guard: WriteGuard,
  ) {}

  /** Inserts the licence of `grantKey`, or returns the one already granted under it. */
  async grantOnce(licence: NewLicence, now: Date): Promise<LicenceRecord> {
    const { value } = await this.guard.insertOrFind(
      async () => {
        const created = await this.licences.create({
          ...licence,
          listingId: oid(licence.listingId),
          sellerId: oid(licence.sellerId),
          holderId: oid(licence.holderId),
          documentIds: licence.documentIds.map(oid),
          paymentIntentId: licence.paymentIntentId ?? undefined,
          status: 'active',
          grantedAt: now,
        });
        return toRecord(created.toObject() as LeanLicence);
      },
      () => this.findByGrantKey(licence.grantKey),
    );
    return value;
  }

  async findByGrantKey(grantKey: string): Promise<LicenceRecord | null> {
    const l = await this.licences.findOne({ grantKey }).lean<LeanLicence>().exec();
    return l ? toRecord(l) : null;
  }

  async findById(id: string): Promise<LicenceRecord | null> {
    const l = await this.licences.findById(id).lean<LeanLicence>().exec();
    return l ? toRecord(l) : null;
  }

  async findByPaymentIntent(paymentIntentId: string): Promise<LicenceRecord | null> {
    const l = await this.licences.findOne({ paymentIntentId }).lean<LeanLicence>().exec();
    return l ? toRecord(l) : null;
  }

  async findActiveForHolder(listingId: string, holderId: string): Promise<LicenceRecord | null> {
    const l = await this.licences
      .findOne({ listingId: oid(listingId), holderId: oid(holderId), status: 'active' })
      .lean<LeanLicence>()
      .exec();
    return l ? toRecord(l) : null;
  }

  async listForHolder(holderId: string, limit: number, cursor?: string): Promise<LicenceRecord[]> {
    const query: Record<string, unknown> = { holderId: oid(holderId) };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.licences
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanLicence[]>()
      .exec();
    return rows.map(toRecord);
  }

  async findMany(ids: string[]): Promise<LicenceRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.licences
      .find({ _id: trusted({ $in: ids.map(oid) }) })
      .lean<LeanLicence[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Marks the licence revoked; false when it already was. */
  async revoke(id: string, reason: string, now: Date): Promise<boolean> {
    const result = await this.licences
      .updateOne(
        { _id: id, status: 'active' },
        { $set: { status: 'revoked', revokedAt: now, revokedReason: reason } },
      )
      .exec();
    return result.modifiedCount > 0;
  }

  async seatsOf(licenceId: string): Promise<SeatRecord[]> {
    const rows = await this.seats
      .find({ licenceId: oid(licenceId) })
      .sort({ slot: 1 })
      .lean<LeanSeat[]>()
      .exec();
    return rows.map(toSeat);
  }

  /**
   * Gives the user a free slot of the licence: 'taken' when every slot is held. A slot is claimed by a
   * unique insert, so concurrent assignments never exceed the seats; a user seated twice keeps one seat.
   */
  async takeSeat(
    licenceId: string,
    seats: number,
    userId: string,
    now: Date,
  ): Promise<SeatRecord | 'taken'> {
    const held = await this.seatsOf(licenceId);
    const mine = held.find((s) => s.userId === userId);
    if (mine) return mine;
    const used = new Set(held.map((s) => s.slot));
    for (let slot = 1; slot <= seats; slot++) {
      if (used.has(slot)) continue;
      const taken = await this.guard.insertUnique(() =>
        this.seats.create({
          _id: `${licenceId}:${slot}`,
          licenceId: oid(licenceId),
          userId: oid(userId),
          slot,
          assignedAt: now,
        }),
      );
      if (taken) return { licenceId, userId, slot, assignedAt: now };
      // The slot went to someone else, or this user was seated meanwhile (the other unique index).
      const again = (await this.seatsOf(licenceId)).find((s) => s.userId === userId);
      if (again) return again;
    }
    return 'taken';
  }

  async releaseSeat(licenceId: string, userId: string): Promise<boolean> {
    const result = await this.seats
      .deleteOne({ licenceId: oid(licenceId), userId: oid(userId) })
      .exec();
    return result.deletedCount > 0;
  }

  /** Ids of the licences the user holds a seat of, in licence id order. */
  async seatLicenceIds(userId: string, limit: number, cursor?: string): Promise<string[]> {
    const query: Record<string, unknown> = { userId: oid(userId) };
    if (cursor) query.licenceId = trusted({ $gt: oid(cursor) });
    const rows = await this.seats
      .find(query, { licenceId: 1 })
      .sort({ licenceId: 1 })
      .limit(limit)
      .lean<LeanSeat[]>()
      .exec();
    return rows.map((s) => s.licenceId.toHexString());
  }
}
