import { LedgerTotals } from './earnings';
import type { LedgerRecord } from './ledger.repository';

const entry = (overrides: Partial<LedgerRecord>): LedgerRecord => ({
  kind: 'sale',
  sellerId: 'a',
  licenceId: 'l',
  listingId: 'p',
  grossMinor: 1000,
  feeMinor: 150,
  netMinor: 850,
  currency: 'eur',
  month: '2026-11',
  at: new Date('2026-11-02T00:00:00Z'),
  ...overrides,
});

describe('LedgerTotals', () => {
  it('nets refunds against sales, per key and currency', () => {
    const totals = new LedgerTotals();
    totals.add('2026-11', entry({}));
    totals.add('2026-11', entry({ grossMinor: 2000, feeMinor: 300, netMinor: 1700 }));
    totals.add(
      '2026-11',
      entry({ kind: 'refund', grossMinor: -1000, feeMinor: -150, netMinor: -850 }),
    );
    totals.add('2026-11', entry({ currency: 'usd', grossMinor: 500, feeMinor: 75, netMinor: 425 }));
    totals.add('2026-10', entry({}));
    expect(totals.lines()).toEqual([
      {
        key: '2026-10',
        currency: 'eur',
        sales: 1,
        refunds: 0,
        grossMinor: 1000,
        feeMinor: 150,
        netMinor: 850,
      },
      {
        key: '2026-11',
        currency: 'eur',
        sales: 2,
        refunds: 1,
        grossMinor: 2000,
        feeMinor: 300,
        netMinor: 1700,
      },
      {
        key: '2026-11',
        currency: 'usd',
        sales: 1,
        refunds: 0,
        grossMinor: 500,
        feeMinor: 75,
        netMinor: 425,
      },
    ]);
  });
});
