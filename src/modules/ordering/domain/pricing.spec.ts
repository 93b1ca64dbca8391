import { draftPurchaseOrder, lineAmounts, totalsOf } from './pricing';

describe('order pricing', () => {
  it('computes VAT per line, rounded once per line (half up), never on the total', () => {
    // 3 × 33,335 = 100,005 at 8 % = 8,000.4 → 8,000; at 5 % = 5,000.25 → 5,000.
    expect(lineAmounts(33_335, 3, 8)).toEqual({ lineTotalVnd: 100_005, vatVnd: 8_000 });
    // 12,345 × 1 at 10 % = 1,234.5 → 1,235 (half up).
    expect(lineAmounts(12_345, 1, 10)).toEqual({ lineTotalVnd: 12_345, vatVnd: 1_235 });
    // Two such lines: the sum of rounded lines (2,470), not the rounded sum (2,469).
    const totals = totalsOf([lineAmounts(12_345, 1, 10), lineAmounts(12_345, 1, 10)]);
    expect(totals).toEqual({ subtotalVnd: 24_690, vatVnd: 2_470, totalVnd: 27_160 });
  });

  it('splits lines into one supplier order per producer, in first-seen order, with totals', () => {
    const draft = draftPurchaseOrder([
      { listingId: 'a', producerId: 'p1', quantity: 10, unitPriceVnd: 45_000, vatRate: 8 },
      { listingId: 'b', producerId: 'p2', quantity: 3, unitPriceVnd: 120_000, vatRate: 10 },
      { listingId: 'c', producerId: 'p1', quantity: 5, unitPriceVnd: 19_999, vatRate: 5 },
    ]);
    expect(draft.supplierOrders.map((so) => so.producerId)).toEqual(['p1', 'p2']);
    const [p1, p2] = draft.supplierOrders;
    expect(p1.lines.map((l) => l.listingId)).toEqual(['a', 'c']);
    // 450,000 + 36,000 VAT; 99,995 + 5,000 (4,999.75 → 5,000) VAT
    expect(p1).toMatchObject({ subtotalVnd: 549_995, vatVnd: 41_000, totalVnd: 590_995 });
    expect(p2).toMatchObject({ subtotalVnd: 360_000, vatVnd: 36_000, totalVnd: 396_000 });
    expect(draft).toMatchObject({ subtotalVnd: 909_995, vatVnd: 77_000, totalVnd: 986_995 });
  });

  it('handles amounts up to 10^13 đồng exactly', () => {
    const draft = draftPurchaseOrder([
      { listingId: 'a', producerId: 'p', quantity: 1_000, unitPriceVnd: 10_000_000_000, vatRate: 10 },
    ]);
    expect(draft.totalVnd).toBe(11_000_000_000_000);
  });

  it('refuses amounts that are not whole đồng', () => {
    expect(() => lineAmounts(0.5, 3, 0)).toThrow(RangeError);
  });

  it('refuses an order whose amount would pass the exact range of money, as a 422 not a crash', () => {
    const line = { listingId: 'l1', producerId: 'p1', unitPriceVnd: 9_999_999_999_999, vatRate: 10 };
    expect(draftPurchaseOrder([{ ...line, quantity: 10 }]).totalVnd).toBe(109_999_999_999_989);
    for (const quantity of [900, 101]) {
      expect(() => draftPurchaseOrder([{ ...line, quantity }])).toThrow(
        expect.objectContaining({ code: 'ORDER_AMOUNT_TOO_LARGE', kind: 'unprocessable' }),
      );
    }
  });
});
