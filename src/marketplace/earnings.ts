import type { LedgerRecord } from './ledger.repository';

/** Totals of ledger entries in one group (a month and currency, or a seller and currency). */
export interface EarningsLine {
  currency: string;
  sales: number;
  refunds: number;
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
}

/** Adds ledger entries up per key and currency: amounts in different currencies never mix. */
export class LedgerTotals {
  private readonly totals = new Map<string, EarningsLine & { key: string }>();

  add(key: string, entry: LedgerRecord): void {
    const id = `${key}|${entry.currency}`;
    const line = this.totals.get(id) ?? {
      key,
      currency: entry.currency,
      sales: 0,
      refunds: 0,
      grossMinor: 0,
      feeMinor: 0,
      netMinor: 0,
    };
    if (entry.kind === 'sale') line.sales += 1;
    else line.refunds += 1;
    line.grossMinor += entry.grossMinor;
    line.feeMinor += entry.feeMinor;
    line.netMinor += entry.netMinor;
    this.totals.set(id, line);
  }

  /** The lines ordered by key, then currency. */
  lines(): (EarningsLine & { key: string })[] {
    return [...this.totals.values()].sort(
      (a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency),
    );
  }
}
