/**
 * The platform's share of a sale, in integer minor units (cents): no floating-point money anywhere.
 * The fee is the percentage (given in basis points, 1 bp = 0.01 %) rounded half up, at least the
 * minimum, and never more than the price; the seller earns the rest.
 */
export interface FeePolicy {
  /** 1500 = 15 %. */
  basisPoints: number;
  minimumMinor: number;
}

export interface RevenueSplit {
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
}

export function splitRevenue(grossMinor: number, policy: FeePolicy): RevenueSplit {
  if (!Number.isSafeInteger(grossMinor) || grossMinor < 0)
    throw new RangeError('The price must be a whole, non-negative number of minor units');
  if (grossMinor === 0) return { grossMinor: 0, feeMinor: 0, netMinor: 0 };
  // Integer half-up rounding of gross × bp / 10 000.
  const percentage = Math.floor((grossMinor * policy.basisPoints + 5000) / 10000);
  const feeMinor = Math.min(grossMinor, Math.max(percentage, policy.minimumMinor));
  return { grossMinor, feeMinor, netMinor: grossMinor - feeMinor };
}

/** The ledger entry that cancels a sale: every amount negated. */
export function reversal(split: RevenueSplit): RevenueSplit {
  return { grossMinor: -split.grossMinor, feeMinor: -split.feeMinor, netMinor: -split.netMinor };
}

/** A percentage from configuration (up to two decimals) as basis points. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
