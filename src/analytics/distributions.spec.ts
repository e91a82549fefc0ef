import fc from 'fast-check';
import { betaCdf, betaQuantile, logGamma, normalQuantile, twoSidedZ } from './distributions';

/** P(X ≥ k) for X ~ Binomial(n, x), written out from the binomial formula. */
function binomialUpperTail(k: number, n: number, x: number): number {
  let choose = 1;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    if (j >= k) total += choose * x ** j * (1 - x) ** (n - j);
    choose = (choose * (n - j)) / (j + 1);
  }
  return total;
}

describe('normalQuantile', () => {
  it('matches published standard normal quantiles', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(normalQuantile(0.9999)).toBeCloseTo(3.719016485, 7);
  });

  it('is odd around ½', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 7);
      }),
    );
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('gives the two-sided z of a confidence level', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959963985, 8);
    expect(twoSidedZ(0.9)).toBeCloseTo(1.644853627, 8);
    expect(() => twoSidedZ(1)).toThrow(RangeError);
  });
});

describe('logGamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // Γ(0.25) = 3.6256099082 (reflection branch)
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.6256099082), 9);
  });
});

describe('betaCdf', () => {
  it('is x for the uniform Beta(1, 1) and x^a for Beta(a, 1)', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaCdf(0.6, 3, 1)).toBeCloseTo(0.216, 12);
    expect(betaCdf(0.6, 1, 2)).toBeCloseTo(1 - 0.4 ** 2, 12);
    expect(betaCdf(0.5, 2.7, 2.7)).toBeCloseTo(0.5, 12);
    expect(betaCdf(0, 2, 3)).toBe(0);
    expect(betaCdf(1, 2, 3)).toBe(1);
  });

  it('equals the binomial tail for integer parameters: I_x(a, b) = P(Bin(a+b−1, x) ≥ a)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (a, b, x) => {
          expect(betaCdf(x, a, b)).toBeCloseTo(binomialUpperTail(a, a + b - 1, x), 9);
        },
      ),
    );
  });
});

describe('betaQuantile', () => {
  it('inverts the closed forms', () => {
    expect(betaQuantile(0.25, 1, 1)).toBeCloseTo(0.25, 12);
    expect(betaQuantile(0.25, 2, 1)).toBeCloseTo(0.5, 12);
    expect(betaQuantile(0.5, 4, 4)).toBeCloseTo(0.5, 12);
    // Beta(0.2, 300) puts its 1% quantile near 2·10⁻¹³; the bisection must reach it.
    expect(betaCdf(betaQuantile(0.01, 0.2, 300), 0.2, 300)).toBeCloseTo(0.01, 9);
  });

  // Shapes from ½ (Jeffreys' prior) up: below that the CDF gets so steep next to 0 or 1 that
  // neighbouring doubles of x already differ by more than 10⁻⁷ in probability.
  it('is the inverse of the CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        (p, a, b) => {
          expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 7);
        },
      ),
    );
  });
});
