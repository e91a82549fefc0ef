import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInputError } from '../common/errors';
import { LedgerTotals, type EarningsLine } from './earnings';
import { LedgerRepository } from './ledger.repository';

export interface MonthlyEarnings extends EarningsLine {
  month: string;
}

export interface SellerPayout extends EarningsLine {
  sellerId: string;
}

const MAX_MONTHS = 36;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1;
const monthAt = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Sellers' monthly statements and the administrators' payout report, from the ledger. */
@Injectable()
export class EarningsService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  /** The seller's sales, refunds and net earnings per month and currency (default: the last 12 months). */
  async statement(sellerId: string, from?: string, to?: string): Promise<MonthlyEarnings[]> {
    const last = monthIndex(to ?? this.clock.now().toISOString().slice(0, 7));
    const first = from ? monthIndex(from) : last - 11;
    if (first > last) throw new InvalidInputError('from must not be after to');
    if (last - first >= MAX_MONTHS)
      throw new InvalidInputError(`A statement covers at most ${MAX_MONTHS} months`);
    const totals = new LedgerTotals();
    for (const entry of await this.ledger.forSeller(sellerId, monthAt(first), monthAt(last)))
      totals.add(entry.month, entry);
    return totals.lines().map(({ key, ...line }) => ({ month: key, ...line }));
  }

  /** What each seller is owed for one month, per currency; the month is streamed, never loaded whole. */
  async payouts(month: string): Promise<SellerPayout[]> {
    const totals = new LedgerTotals();
    for await (const entry of this.ledger.forMonth(month)) totals.add(entry.sellerId, entry);
    return totals.lines().map(({ key, ...line }) => ({ sellerId: key, ...line }));
  }
}
