import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ApiClient, Json, Recorder, Reply, Session } from './http';
import { Fair, fairDates, Organizer, stallBodies, World } from './seed';

/**
 * What the people of the province do at the same time, each actor a closed loop (the next request
 * leaves when the answer to the previous one has arrived):
 * - buyers searching: full-text queries (folded, with typos) and filters, sometimes the next page;
 * - buyers ordering: 2–3 producers per order, sometimes from a scarce listing; cancelling recent
 *   orders; confirming receipt of shipped ones;
 * - producers fulfilling: their placed supplier orders accepted (some partly), rejected or left to
 *   expire; accepted ones shipped; scarce listings restocked or written down;
 * - producers booking stalls: holds on stalls shown free (or any stall: a race), cancellations,
 *   waitlist requests, reading their inbox;
 * - organizers: confirming holds of free stalls, cancelling confirmed bookings (the waitlist gets the stall),
 *   fair summaries, now and then a new fair at their busy venue, and rarely calling one of those
 *   new fairs off while producers are booking it.
 */

export interface ActorCounts {
  searchers: number;
  orderers: number;
  fulfillers: number;
  bookers: number;
  organizers: number;
}

const SEARCH_QUERIES = [
  'mat ong',
  'mật ong rừng',
  'tra hoa vang',
  'trà hoa vàgn',
  'nuoc mam cai rong',
  'nuoc mam cai rongg',
  'ba kich',
  'sa sung quan lan',
  'mien dong binh lieu',
  'cha muc ha long',
  'ga doi tien yen',
  'hau sua van don',
  'tinh dau que',
  'gom dong trieu',
  'tho cam',
  'binh lieu',
  'van don',
  'quang ninh',
  '',
];
const CATEGORIES = ['food', 'beverage', 'herbal', 'textile', 'handicraft', 'tourism'];
const SORTS = ['relevance', 'price_asc', 'price_desc', 'stars_desc', 'newest'];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

function chance(p: number): boolean {
  return Math.random() < p;
}

function between(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function deliveryDate(): string {
  return new Date(Date.now() + 7 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
}

export interface Answers {
  orders: Set<string>;
  holds: Set<string>;
  /** Requests sent twice at once with one Idempotency-Key, and pairs answered with two objects. */
  sameKeyPairs: number;
  sameKeyPairsDiverged: number;
}

export class Load {
  /** Each buyer organization's latest purchase orders, some of which it cancels. */
  private readonly recentOrders = new Map<string, string[]>();
  /** Supplier orders shipped to each buyer organization, for the buyer to confirm receipt. */
  private readonly shipped = new Map<string, string[]>();
  private readonly fairs: Fair[];
  private fairSerial = 0;
  /** Fairs created during the run; only these are ever called off. */
  private readonly created = new Set<string>();
  /** What the API told the clients it created, for the comparison with the database. */
  readonly answered: Answers = {
    orders: new Set(),
    holds: new Set(),
    sameKeyPairs: 0,
    sameKeyPairsDiverged: 0,
  };

  constructor(
    private readonly api: ApiClient,
    private readonly recorder: Recorder,
    private readonly world: World,
    private readonly scarceStock: number,
    private readonly stallsPerFair: number,
  ) {
    this.fairs = [...world.fairs];
  }

  /** Runs every actor until `seconds` have passed; returns the elapsed seconds. */
  async run(counts: ActorCounts, seconds: number): Promise<number> {
    const started = performance.now();
    const endAt = started + seconds * 1000;
    const loop = (step: (k: number) => Promise<void>) => async () => {
      for (let k = 0; performance.now() < endAt; k++) await step(k);
    };
    const actors: Array<() => Promise<void>> = [];
    const { buyers, producers, organizers } = this.world;
    for (let i = 0; i < counts.searchers; i++)
      actors.push(loop(() => this.search(buyers[i % buyers.length])));
    for (let i = 0; i < counts.orderers; i++) actors.push(loop(() => this.order(buyers[i % buyers.length])));
    for (let i = 0; i < counts.fulfillers; i++) {
      actors.push(loop((k) => this.fulfil(producers[(i + k * counts.fulfillers) % producers.length])));
    }
    for (let i = 0; i < counts.bookers; i++) {
      actors.push(loop((k) => this.book(producers[(i * 7 + k * counts.bookers) % producers.length])));
    }
    for (let i = 0; i < counts.organizers; i++) {
      actors.push(loop((k) => this.organize(organizers[(i + k * counts.organizers) % organizers.length])));
    }
    await Promise.all(actors.map((actor) => actor()));
    return (performance.now() - started) / 1000;
  }

  private async search(buyer: Session): Promise<void> {
    const params = new URLSearchParams();
    const q = pick(SEARCH_QUERIES);
    if (q) params.set('q', q);
    if (chance(0.3)) params.set('category', pick(CATEGORIES));
    if (chance(0.2)) params.set('minStars', String(between(3, 4)));
    if (chance(0.2)) params.set('provinceCode', '22');
    else if (chance(0.1)) params.set('communeCode', pick(this.world.communes));
    if (chance(0.2)) {
      params.set('minPriceVnd', String(between(3, 6) * 10_000));
      params.set('maxPriceVnd', String(between(8, 14) * 10_000));
    }
    if (chance(0.3)) params.set('inStock', 'true');
    if (chance(0.5)) params.set('sort', pick(SORTS));
    // Half the searches are anonymous visitors, half signed-in buyers.
    const token = chance(0.5) ? buyer.token : undefined;
    const page = await this.recorder.call(
      'listings.search',
      () => this.api.request('GET', `/listings?${params}`, { token }),
      200,
    );
    if (page?.nextCursor && chance(0.2)) {
      params.set('cursor', page.nextCursor);
      await this.recorder.call(
        'listings.searchNextPage',
        () => this.api.request('GET', `/listings?${params}`, { token }),
        200,
      );
    }
  }

  private async order(buyer: Session): Promise<void> {
    const roll = Math.random();
    if (roll < 0.8) return this.placeOrder(buyer);
    const recent = this.recentOrders.get(buyer.orgId) ?? [];
    if (roll < 0.9 && recent.length > 0) {
      const id = recent.splice(Math.floor(Math.random() * recent.length), 1)[0];
      await this.recorder.call(
        'order.cancel',
        () =>
          this.api.request('POST', `/orders/${id}/cancel`, {
            token: buyer.token,
            body: { reason: 'Đổi kế hoạch nhập hàng' },
          }),
        200,
        ['INVALID_TRANSITION'],
      );
      return;
    }
    const shipped = this.shipped.get(buyer.orgId) ?? [];
    const supplierOrderId = shipped.shift();
    if (supplierOrderId) {
      await this.recorder.call(
        'supplierOrder.deliver',
        () => this.api.request('POST', `/supplier-orders/${supplierOrderId}/deliver`, { token: buyer.token }),
        200,
        ['INVALID_TRANSITION'],
      );
      return;
    }
    await this.recorder.call(
      'orders.list',
      () => this.api.request('GET', '/orders?limit=20', { token: buyer.token }),
      200,
    );
  }

  private async placeOrder(buyer: Session): Promise<void> {
    const { producers } = this.world;
    const chosen = new Set<number>();
    const wanted = chance(0.5) ? 2 : 3;
    while (chosen.size < wanted) chosen.add(Math.floor(Math.random() * producers.length));
    const lines: Array<{ listingId: string; quantity: number }> = [];
    for (const p of chosen) {
      const listings = producers[p].listings;
      const scarce = listings.filter((l) => l.scarce);
      const plenty = listings.filter((l) => !l.scarce);
      if (chance(0.3) && scarce.length > 0) {
        lines.push({ listingId: pick(scarce).id, quantity: between(2, 8) });
      } else {
        const first = pick(plenty);
        lines.push({ listingId: first.id, quantity: between(1, 10) });
        const second = pick(plenty);
        if (second.id !== first.id && chance(0.5))
          lines.push({ listingId: second.id, quantity: between(1, 10) });
      }
    }
    const body = {
      deliveryDate: deliveryDate(),
      deliveryAddress: 'Kho tổng, KCN Cái Lân, Hạ Long, Quảng Ninh',
      paymentMethod: 'invoice',
      lines,
    };
    const key = randomUUID();
    const send = () =>
      this.api.request('POST', '/orders', { token: buyer.token, headers: { 'idempotency-key': key }, body });
    const order = await this.idempotent('order.place', send, ['INSUFFICIENT_STOCK'], this.answered.orders);
    if (order) {
      const recent = this.recentOrders.get(buyer.orgId) ?? [];
      recent.push(order.id);
      if (recent.length > 50) recent.shift();
      this.recentOrders.set(buyer.orgId, recent);
    }
  }

  /**
   * Sends a creating request; one in twenty goes out twice at once with the same Idempotency-Key,
   * as a client retrying on a timeout would, and both answers must name the same object. Records
   * every id answered 201, to be compared with the rows in the database afterwards.
   */
  private async idempotent(
    operation: string,
    send: () => Promise<Reply>,
    expectedCodes: readonly string[],
    ids: Set<string>,
  ): Promise<Json | undefined> {
    if (!chance(0.05)) {
      const created = await this.recorder.call(operation, send, 201, expectedCodes);
      if (created) ids.add(created.id);
      return created;
    }
    const [first, second] = await Promise.all([
      this.recorder.call(operation, send, 201, expectedCodes),
      this.recorder.call(`${operation}.sameKeyAtOnce`, send, 201, expectedCodes),
    ]);
    this.answered.sameKeyPairs++;
    if (first && second && first.id !== second.id) this.answered.sameKeyPairsDiverged++;
    for (const created of [first, second]) if (created) ids.add(created.id);
    return first ?? second;
  }

  private async fulfil(producer: World['producers'][number]): Promise<void> {
    const placed = await this.recorder.call(
      'supplierOrders.list',
      () => this.api.request('GET', '/supplier-orders?status=placed&limit=10', { token: producer.token }),
      200,
    );
    for (const order of (placed?.items ?? []).slice(0, 2) as Json[]) {
      const roll = Math.random();
      if (roll < 0.7) {
        // A quarter of acceptances are partial: half of the first line, or none of it when other
        // lines remain; what is not accepted is released.
        const first: Json = order.lines[0];
        const none = order.lines.length > 1 && chance(1 / 3);
        const body =
          chance(0.25) && (none || first.quantity > 1)
            ? { lines: [{ lineId: first.id, acceptedQty: none ? 0 : Math.floor(first.quantity / 2) }] }
            : {};
        await this.recorder.call(
          'supplierOrder.accept',
          () =>
            this.api.request('POST', `/supplier-orders/${order.id}/accept`, { token: producer.token, body }),
          200,
          ['INVALID_TRANSITION'],
        );
      } else if (roll < 0.82) {
        await this.recorder.call(
          'supplierOrder.reject',
          () =>
            this.api.request('POST', `/supplier-orders/${order.id}/reject`, {
              token: producer.token,
              body: { reason: 'Hết hàng vụ này' },
            }),
          200,
          ['INVALID_TRANSITION'],
        );
      }
      // else: left alone, to expire when its acceptance window closes
    }
    const accepted = await this.recorder.call(
      'supplierOrders.list',
      () => this.api.request('GET', '/supplier-orders?status=accepted&limit=5', { token: producer.token }),
      200,
    );
    const toShip: Json = accepted?.items?.[0];
    if (toShip) {
      const shipped = await this.recorder.call(
        'supplierOrder.ship',
        () =>
          this.api.request('POST', `/supplier-orders/${toShip.id}/ship`, {
            token: producer.token,
            body: { trackingRef: `VTP${Date.now()}` },
          }),
        200,
        ['INVALID_TRANSITION'],
      );
      if (shipped) {
        const queue = this.shipped.get(shipped.buyerId) ?? [];
        queue.push(shipped.id);
        this.shipped.set(shipped.buyerId, queue);
      }
    }
    if (chance(0.3)) await this.adjustStock(producer);
  }

  /** Restock a scarce listing that runs low; otherwise sometimes write some of it off. */
  private async adjustStock(producer: World['producers'][number]): Promise<void> {
    const listing = pick(producer.listings.filter((l) => l.scarce));
    const current = await this.recorder.call(
      'listing.get',
      () => this.api.request('GET', `/listings/${listing.id}`, { token: producer.token }),
      200,
    );
    if (!current) return;
    let delta: number;
    if (current.stockAvailable < 10) delta = this.scarceStock;
    else if (chance(0.3)) delta = -between(1, current.stockAvailable + 5);
    else return;
    await this.recorder.call(
      'stock.adjust',
      () =>
        this.api.request('POST', `/listings/${listing.id}/stock-adjustments`, {
          token: producer.token,
          body: { delta, reason: delta > 0 ? 'Nhập kho vụ mới' : 'Kiểm kê: hàng hỏng' },
        }),
      201,
      ['STOCK_BELOW_RESERVED'],
    );
  }

  private async book(producer: World['producers'][number]): Promise<void> {
    const roll = Math.random();
    const fair = pick(this.fairs);
    if (roll < 0.55) {
      const free = await this.recorder.call(
        'stalls.list',
        () =>
          this.api.request('GET', `/fairs/${fair.id}/stalls?status=available&limit=100`, {
            token: producer.token,
          }),
        200,
      );
      const shown: Json[] = free?.items ?? [];
      if (shown.length === 0 && chance(0.5)) return this.joinWaitlist(producer, fair);
      // A fifth of the attempts go for any stall: a producer with an old page, a race to lose.
      const stallId = shown.length > 0 && chance(0.8) ? pick(shown).id : pick(fair.stalls).id;
      const key = randomUUID();
      const send = () =>
        this.api.request('POST', `/fairs/${fair.id}/bookings`, {
          token: producer.token,
          headers: { 'idempotency-key': key },
          body: { stallId },
        });
      await this.idempotent(
        'booking.hold',
        send,
        ['STALL_TAKEN', 'BOOKING_RULE_VIOLATED', 'FAIR_NOT_PUBLISHED'],
        this.answered.holds,
      );
    } else if (roll < 0.65) {
      await this.joinWaitlist(producer, fair);
    } else if (roll < 0.85) {
      const status = chance(0.5) ? 'held' : 'confirmed';
      const mine = await this.recorder.call(
        'bookings.list',
        () => this.api.request('GET', `/bookings?status=${status}&limit=20`, { token: producer.token }),
        200,
      );
      const booking: Json = mine?.items?.length ? pick(mine.items as Json[]) : undefined;
      if (!booking) return;
      await this.recorder.call(
        'booking.cancelByProducer',
        () => this.api.request('POST', `/bookings/${booking.id}/cancel`, { token: producer.token }),
        200,
        ['INVALID_TRANSITION'],
      );
    } else {
      await this.recorder.call(
        'inbox.list',
        () => this.api.request('GET', '/notifications?limit=20', { token: producer.token }),
        200,
      );
    }
  }

  private async joinWaitlist(producer: World['producers'][number], fair: Fair): Promise<void> {
    await this.recorder.call(
      'waitlist.join',
      () =>
        this.api.request('POST', `/fairs/${fair.id}/waitlist`, {
          token: producer.token,
          body: chance(0.5) ? { zone: pick(['A', 'B']) } : {},
        }),
      201,
      ['WAITLIST_ALREADY_JOINED', 'BOOKING_RULE_VIOLATED', 'FAIR_NOT_PUBLISHED'],
    );
  }

  private async organize(organizer: Organizer): Promise<void> {
    const roll = Math.random();
    if (roll < 0.6) {
      const held = await this.recorder.call(
        'bookings.list',
        () => this.api.request('GET', '/bookings?status=held&limit=20', { token: organizer.token }),
        200,
      );
      // The organizer confirms free stalls only: a fee is confirmed by its payment.
      const free = ((held?.items ?? []) as Json[]).filter((item) => item.amountVnd === 0);
      const booking: Json = free.length ? pick(free) : undefined;
      // Not every hold is confirmed: the others lapse and their stalls go to the waitlist.
      if (!booking || chance(0.4)) return;
      await this.recorder.call(
        'booking.confirm',
        () => this.api.request('POST', `/bookings/${booking.id}/confirm`, { token: organizer.token }),
        200,
        ['BOOKING_HOLD_EXPIRED', 'INVALID_TRANSITION'],
      );
    } else if (roll < 0.85) {
      const confirmed = await this.recorder.call(
        'bookings.list',
        () => this.api.request('GET', '/bookings?status=confirmed&limit=20', { token: organizer.token }),
        200,
      );
      const booking: Json = confirmed?.items?.length ? pick(confirmed.items as Json[]) : undefined;
      if (!booking) return;
      await this.recorder.call(
        'booking.cancelByOrganizer',
        () => this.api.request('POST', `/bookings/${booking.id}/cancel`, { token: organizer.token }),
        200,
        ['INVALID_TRANSITION'],
      );
    } else if (roll < 0.95) {
      const own = this.fairs.filter((f) => f.organizerOrgId === organizer.orgId);
      if (own.length === 0) return;
      await this.recorder.call(
        'fair.summary',
        () => this.api.request('GET', `/fairs/${pick(own).id}/summary`, { token: organizer.token }),
        200,
      );
    } else if (roll < 0.985) {
      await this.createFair(organizer);
    } else {
      await this.cancelFair(organizer);
    }
  }

  /**
   * Calls off one of the fairs created during the run (the seeded ones keep the stalls busy): its
   * live bookings are cancelled and its waitlist closed while producers may still be booking it.
   */
  private async cancelFair(organizer: Organizer): Promise<void> {
    const own = this.fairs.filter((f) => f.organizerOrgId === organizer.orgId && this.created.has(f.id));
    if (own.length === 0) return;
    const fair = pick(own);
    const cancelled = await this.recorder.call(
      'fair.cancel',
      () => this.api.request('POST', `/fairs/${fair.id}/cancel`, { token: organizer.token, body: {} }),
      200,
    );
    if (cancelled) this.fairs.splice(this.fairs.indexOf(fair), 1);
  }

  /** A new fair at the organizer's busy venue, on dates that often overlap one already there. */
  private async createFair(organizer: Organizer): Promise<void> {
    const serial = ++this.fairSerial;
    const fair = await this.recorder.call(
      'fair.create',
      () =>
        this.api.request('POST', '/fairs', {
          token: organizer.token,
          body: {
            name: `Phiên chợ OCOP cuối tuần ${serial}`,
            venue: organizer.venue,
            communeCode: organizer.communeCode,
            ...fairDates(between(15, 60), 3),
            rules: { maxStallsPerProducer: 2 },
          },
        }),
      201,
      ['VENUE_CONFLICT'],
    );
    if (!fair) return;
    const added = await this.recorder.call(
      'fair.addStalls',
      () =>
        this.api.request('POST', `/fairs/${fair.id}/stalls`, {
          token: organizer.token,
          body: { stalls: stallBodies(this.stallsPerFair) },
        }),
      201,
    );
    const published = await this.recorder.call(
      'fair.publish',
      () => this.api.request('POST', `/fairs/${fair.id}/publish`, { token: organizer.token, body: {} }),
      200,
    );
    if (added && published) {
      this.created.add(fair.id);
      this.fairs.push({
        id: fair.id,
        organizerOrgId: organizer.orgId,
        stalls: added.items.map((s: Json) => ({ id: s.id, zone: s.zone, kind: s.kind })),
      });
    }
  }
}
