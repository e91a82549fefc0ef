import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { WriteGuard } from '../infra/database';
import type { RevenueSplit } from './revenue-share';
import { LedgerEntry, type LedgerKind } from './schemas/ledger-entry.schema';

export interface LedgerRecord extends RevenueSplit {
  kind: LedgerKind;
  sellerId: string;
  licenceId: string;
  listingId: string;
  currency: string;
  month: string;
  at: Date;
}

type LeanEntry = LedgerEntry & { sellerId: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);

const toRecord = (e: LeanEntry): LedgerRecord => ({
  kind: e.kind,
  sellerId: e.sellerId.toHexString(),
  licenceId: e.licenceId.toHexString(),
  listingId: e.listingId.toHexString(),
  grossMinor: e.grossMinor,
  feeMinor: e.feeMinor,
  netMinor: e.netMinor,
  currency: e.currency,
  month: e.month,
  at: e.at,
});

/** Every query on `marketplace_ledger`. */
@Injectable()
export class LedgerRepository {
  constructor(
    @InjectModel(LedgerEntry.name) private readonly ledger: Model<LedgerEntry>,
    private readonly guard: WriteGuard,
  ) {}

  /** Writes the entry once: a second write of the same kind for the same licence changes nothing. */
  async record(entry: LedgerRecord): Promise<void> {
    await this.guard.insertUnique(() =>
      this.ledger.create({
        ...entry,
        _id: `${entry.kind}:${entry.licenceId}`,
        sellerId: oid(entry.sellerId),
        licenceId: oid(entry.licenceId),
        listingId: oid(entry.listingId),
      }),
    );
  }

  async findSale(licenceId: string): Promise<LedgerRecord | null> {
    const e = await this.ledger.findById(`sale:${licenceId}`).lean<LeanEntry>().exec();
    return e ? toRecord(e) : null;
  }

  async forSeller(sellerId: string, fromMonth: string, toMonth: string): Promise<LedgerRecord[]> {
    const rows = await this.ledger
      .find({ sellerId: oid(sellerId), month: trusted({ $gte: fromMonth, $lte: toMonth }) })
      .lean<LeanEntry[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Every entry of one month, streamed: the payout report never holds the whole month. */
  async *forMonth(month: string): AsyncGenerator<LedgerRecord> {
    for await (const e of this.ledger.find({ month }).lean<LeanEntry>().cursor()) {
      yield toRecord(e as LeanEntry);
    }
  }
}
