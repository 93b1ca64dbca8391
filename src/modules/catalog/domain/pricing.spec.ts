import { lineAmountFor, priceTierProblems, unitPriceFor } from './pricing';

describe('unitPriceFor', () => {
  const listing = {
    priceVnd: 50_000,
    priceTiers: [
      { minQty: 50, priceVnd: 42_000 },
      { minQty: 10, priceVnd: 47_000 },
    ],
  };

  it('uses the base price below every tier', () => {
    expect(unitPriceFor(listing, 1)).toBe(50_000);
    expect(unitPriceFor(listing, 9)).toBe(50_000);
  });

  it('uses the tier with the largest minQty not above the quantity', () => {
    expect(unitPriceFor(listing, 10)).toBe(47_000);
    expect(unitPriceFor(listing, 49)).toBe(47_000);
    expect(unitPriceFor(listing, 50)).toBe(42_000);
    expect(unitPriceFor(listing, 10_000)).toBe(42_000);
  });

  it('works without tiers', () => {
    expect(unitPriceFor({ priceVnd: 12_345, priceTiers: [] }, 100)).toBe(12_345);
  });

  it('multiplies whole dong for a line', () => {
    expect(lineAmountFor(listing, 50)).toBe(2_100_000);
  });
});

describe('priceTierProblems', () => {
  it('accepts distinct tiers', () => {
    expect(priceTierProblems([{ minQty: 10, priceVnd: 1 }])).toEqual([]);
  });
  it('rejects duplicates, tiny quantities and non-positive prices', () => {
    expect(
      priceTierProblems([
        { minQty: 10, priceVnd: 100 },
        { minQty: 10, priceVnd: 90 },
        { minQty: 1, priceVnd: 0 },
      ]),
    ).toHaveLength(3);
  });
});
