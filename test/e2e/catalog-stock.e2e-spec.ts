import { UnitOfWork } from '@ocop/persistence';
import { CatalogFacade } from '../../src/modules/catalog';
import { registerUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Reservations through the facade, as the ordering module makes them, raced against each other. */
describe('catalog stock (facade)', () => {
  let t: TestApp;
  let catalog: CatalogFacade;
  let uow: UnitOfWork;

  beforeAll(async () => {
    t = await startTestApp();
    catalog = t.app.get(CatalogFacade);
    uow = t.app.get(UnitOfWork);
  });
  afterAll(() => t.close());

  async function aListing(stockOnHand: number, extra: { priceTiers?: unknown[] } = {}): Promise<string> {
    const producer = await registerUser(t, 'producer');
    return uow.run(async (tx) => {
      const product = await tx.one<{ id: string }>(
        `INSERT INTO products (producer_id, name, category, unit) VALUES ($1, 'Chè đường Ba Chẽ', 'food', 'hộp')
         RETURNING id`,
        [producer.organizationId],
      );
      const listing = await tx.one<{ id: string }>(
        `INSERT INTO listings (product_id, producer_id, sku, pack_size, price_vnd, price_tiers, stock_on_hand,
                               product_name, category, unit, producer_name)
         VALUES ($1, $2, 'SKU-' || gen_random_uuid(), '"500 g"', 45000, $3, $4, 'Chè đường Ba Chẽ', 'food', 'hộp', 'HTX')
         RETURNING id`,
        [product!.id, producer.organizationId, JSON.stringify(extra.priceTiers ?? []), stockOnHand],
      );
      return listing!.id;
    });
  }

  const ref = (refId: string) => ({ reason: 'order placed', refType: 'test', refId });

  it('200 parallel reservations of 1 unit against stock 50 reserve exactly 50', async () => {
    const listingId = await aListing(50);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        uow.run((tx) => catalog.reserve(tx, [{ listingId, quantity: 1 }], ref(`race-${i}`))),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled').length;
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toBe(50);
    expect(lost).toHaveLength(150);
    for (const o of lost) {
      expect((o as PromiseRejectedResult).reason).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        params: { listingIds: [listingId] },
      });
    }
    const [row] = await uow.run((tx) => catalog.orderableListings(tx, [listingId]));
    expect(row).toMatchObject({ stockOnHand: 50, stockReserved: 50, stockAvailable: 0 });
    const ledger = await uow.run((tx) =>
      tx.query<{ n: number; sum: number }>(
        `SELECT count(*)::int AS n, sum(delta_reserved)::int AS sum FROM stock_ledger
          WHERE listing_id = $1 AND kind = 'reservation'`,
        [listingId],
      ),
    );
    expect(ledger[0]).toEqual({ n: 50, sum: 50 });
  });

  it('a multi-listing reservation is all or nothing and names the short listings', async () => {
    const plenty = await aListing(10);
    const scarce = await aListing(1);
    await expect(
      uow.run((tx) =>
        catalog.reserve(
          tx,
          [
            { listingId: plenty, quantity: 3 },
            { listingId: scarce, quantity: 2 },
          ],
          ref('multi'),
        ),
      ),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', params: { listingIds: [scarce] } });
    const rows = await uow.run((tx) => catalog.orderableListings(tx, [plenty, scarce]));
    expect(rows.map((r) => r.stockReserved)).toEqual([0, 0]);
  });

  it('release and ship move reserved and on hand, ledgered', async () => {
    const listingId = await aListing(20);
    await uow.run((tx) => catalog.reserve(tx, [{ listingId, quantity: 8 }], ref('o1')));
    await uow.run((tx) => catalog.release(tx, [{ listingId, quantity: 3 }], ref('o1')));
    await uow.run((tx) => catalog.ship(tx, [{ listingId, quantity: 5 }], ref('o1')));
    const [row] = await uow.run((tx) => catalog.orderableListings(tx, [listingId]));
    expect(row).toMatchObject({ stockOnHand: 15, stockReserved: 0, stockAvailable: 15 });
    await expect(
      uow.run((tx) => catalog.release(tx, [{ listingId, quantity: 1 }], ref('o1'))),
    ).rejects.toMatchObject({ code: 'STOCK_RELEASE_EXCEEDS_RESERVED' });
    const kinds = await uow.run((tx) =>
      tx.query<{ kind: string; delta_on_hand: number; delta_reserved: number }>(
        `SELECT kind, delta_on_hand, delta_reserved FROM stock_ledger WHERE listing_id = $1 ORDER BY id`,
        [listingId],
      ),
    );
    expect(kinds).toEqual([
      { kind: 'reservation', delta_on_hand: 0, delta_reserved: 8 },
      { kind: 'release', delta_on_hand: 0, delta_reserved: -3 },
      { kind: 'shipment', delta_on_hand: -5, delta_reserved: -5 },
    ]);
  });

  it('returns what an order line needs, by id; unknown ids are absent', async () => {
    const a = await aListing(5, { priceTiers: [{ minQty: 10, priceVnd: 40000 }] });
    const b = await aListing(7);
    const rows = await uow.run((tx) =>
      catalog.orderableListings(tx, [b, a, '00000000-0000-4000-8000-000000000000']),
    );
    expect(rows.map((r) => r.id)).toEqual([a, b].sort());
    const first = rows.find((r) => r.id === a)!;
    expect(first).toMatchObject({
      productName: 'Chè đường Ba Chẽ',
      priceVnd: 45000,
      priceTiers: [{ minQty: 10, priceVnd: 40000 }],
      producerStatus: 'pending',
      status: 'active',
      minOrderQty: 1,
      vatRate: 0,
      stockAvailable: 5,
    });
  });

  describe('reserving as quoted', () => {
    const quote = (listingId: string) =>
      uow.run(async (tx) => (await catalog.orderableListings(tx, [listingId]))[0]!);
    const reserveAsQuoted = (listing: Awaited<ReturnType<typeof quote>>, quantity: number) =>
      uow.run(async (tx) => catalog.reserveAsQuoted(tx, [{ listing, quantity }], ref('quoted')), {
        attempts: 1,
      });

    it('reserves while the listing sells on the quoted terms', async () => {
      const listing = await quote(await aListing(5));
      await reserveAsQuoted(listing, 2);
      expect(await quote(listing.id)).toMatchObject({ stockReserved: 2, stockAvailable: 3 });
    });

    it.each([
      ['its price changed', `UPDATE listings SET price_vnd = price_vnd + 1000 WHERE id = $1`],
      [
        'its price tiers changed',
        `UPDATE listings SET price_tiers = '[{"minQty": 2, "priceVnd": 1}]' WHERE id = $1`,
      ],
      ['its VAT rate changed', `UPDATE listings SET vat_rate = 10 WHERE id = $1`],
      ['its minimum order quantity rose', `UPDATE listings SET min_order_qty = 3 WHERE id = $1`],
      ['its lead time changed', `UPDATE listings SET lead_time_days = 9 WHERE id = $1`],
      ['it was paused', `UPDATE listings SET status = 'paused' WHERE id = $1`],
    ])(
      'fails the transaction with 40001 and reserves nothing when %s after the quote',
      async (_case, change) => {
        const listing = await quote(await aListing(5));
        await uow.run((tx) => tx.execute(change, [listing.id]));
        await expect(reserveAsQuoted(listing, 2)).rejects.toMatchObject({ code: '40001' });
        expect(await quote(listing.id)).toMatchObject({ stockReserved: 0 });
      },
    );

    it('is run again by the unit of work when the terms change between quote and reservation', async () => {
      const listingId = await aListing(5);
      let attempts = 0;
      await uow.run(async (tx) => {
        attempts++;
        const [listing] = await catalog.orderableListings(tx, [listingId]);
        if (attempts === 1) {
          await uow.run((other) =>
            other.execute(`UPDATE listings SET price_vnd = price_vnd + 1000 WHERE id = $1`, [listingId]),
          );
        }
        catalog.reserveAsQuoted(tx, [{ listing: listing!, quantity: 2 }], ref('retried'));
      });
      expect(attempts).toBe(2);
      expect(await quote(listingId)).toMatchObject({ priceVnd: 46000, stockReserved: 2 });
      const ledger = await uow.run((tx) =>
        tx.query(`SELECT delta_reserved FROM stock_ledger WHERE listing_id = $1 AND kind = 'reservation'`, [
          listingId,
        ]),
      );
      expect(ledger).toEqual([{ delta_reserved: 2 }]);
    });

    it('fails the transaction with 40001 and moves nothing when one line ran short since the quote', async () => {
      const [plenty, scarce] = await Promise.all([quote(await aListing(5)), quote(await aListing(5))]);
      await uow.run((tx) => catalog.reserve(tx, [{ listingId: scarce.id, quantity: 4 }], ref('other')));
      await expect(
        uow.run(
          async (tx) =>
            catalog.reserveAsQuoted(
              tx,
              [
                { listing: plenty, quantity: 2 },
                { listing: scarce, quantity: 2 },
              ],
              ref('quoted'),
            ),
          { attempts: 1 },
        ),
      ).rejects.toMatchObject({ code: '40001' });
      expect(await quote(plenty.id)).toMatchObject({ stockReserved: 0 });
      expect(await quote(scarce.id)).toMatchObject({ stockReserved: 4 });
    });
  });
});
