import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { WaitlistEntryView } from '../api/booking.view';
import { FairSummaryView, StallView, toFiguresView, toStallView } from '../api/stall.view';
import { assertBookable, assertNoViolations, StallAvailability, StallKind } from '../domain/booking';
import { assertEditable } from '../domain/fair';
import { FairErrors } from '../domain/fairs.errors';
import { FairRepository } from '../persistence/fair.repository';
import { StallRepository } from '../persistence/stall.repository';
import { WaitlistRepository } from '../persistence/waitlist.repository';
import { Eligibility } from './eligibility';
import { requireOrganizerOf, requireOverseerOf, requireVisible } from './fair-access';

export interface StallInput {
  code: string;
  zone?: string;
  areaM2: number;
  priceVnd: number;
  kind?: StallKind;
}

/** The stall map, its availability and figures, and the waitlist for stalls that free up. */
@Injectable()
export class StallsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly fairs: FairRepository,
    private readonly stalls: StallRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly eligibility: Eligibility,
  ) {}

  /** Adds stalls all or nothing; a code used twice (in the request or the fair) is 409 naming them. */
  add(actor: Actor, fairId: string, input: StallInput[]): Promise<{ items: StallView[] }> {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const stall of input) {
      const key = stall.code.toUpperCase();
      if (seen.has(key)) repeated.add(stall.code);
      seen.add(key);
    }
    if (repeated.size > 0)
      throw FairErrors.STALL_CODE_TAKEN({ list: [...repeated].join(', '), codes: [...repeated] });
    return this.uow.run(async (tx) => {
      const fair = requireOrganizerOf(await this.fairs.findById(tx, fairId), actor);
      assertEditable(fair, this.clock.now());
      const { inserted, taken } = await this.stalls.insertMany(
        tx,
        fairId,
        input.map((stall) => ({
          code: stall.code,
          zone: stall.zone ?? null,
          areaM2: stall.areaM2,
          priceVnd: stall.priceVnd,
          kind: stall.kind ?? 'standard',
        })),
      );
      if (taken.length > 0) throw FairErrors.STALL_CODE_TAKEN({ list: taken.join(', '), codes: taken });
      return { items: inserted.map((stall) => toStallView({ ...stall, liveStatus: null })) };
    });
  }

  list(
    actor: Actor | undefined,
    fairId: string,
    query: { zone?: string; kind?: string; status?: StallAvailability; limit: number; cursor?: string },
  ): Promise<Page<StallView>> {
    const position = decodeCursor(query.cursor, ['text', 'uuid']);
    return this.uow.run(async (tx) => {
      requireVisible(await this.fairs.findById(tx, fairId), actor);
      const rows = await this.stalls.findPage(tx, fairId, {
        zone: query.zone,
        kind: query.kind,
        status: query.status,
        after: position && { code: position[0], id: position[1] },
        limit: query.limit,
      });
      return pageOf(
        rows,
        query.limit,
        (stall) => toStallView(stall),
        (stall) => [stall.code, stall.id],
      );
    });
  }

  /** Occupancy and money for the fair's organizer. */
  summary(actor: Actor, fairId: string): Promise<FairSummaryView> {
    return this.uow.run(async (tx) => {
      const fair = requireOverseerOf(await this.fairs.findById(tx, fairId), actor);
      const groups = (await this.stalls.figures(tx, fairId)).map(toFiguresView);
      const total = (pick: (g: (typeof groups)[number]) => number) =>
        groups.reduce((sum, g) => sum + pick(g), 0);
      const stalls = total((g) => g.stalls);
      const booked = total((g) => g.booked);
      return {
        fairId,
        status: fair.status,
        stalls,
        available: total((g) => g.available),
        held: total((g) => g.held),
        booked,
        checkedIn: total((g) => g.checkedIn),
        occupancyBps: stalls === 0 ? 0 : Math.floor((booked * 10_000) / stalls),
        revenueVnd: total((g) => g.confirmedVnd),
        pendingVnd: total((g) => g.heldVnd),
        potentialVnd: total((g) => g.listedVnd),
        waitlistWaiting: await this.waitlist.countWaiting(tx, fairId),
        byZoneAndKind: groups,
      };
    });
  }

  /**
   * A producer waits for a stall (of a zone or kind, if given). It must meet the fair's rules
   * except the stall limit, which is checked again when a stall is offered.
   */
  joinWaitlist(
    actor: Actor,
    fairId: string,
    wish: { zone?: string; kind?: StallKind },
  ): Promise<WaitlistEntryView> {
    const producerId = actor.organizationId!;
    return this.uow.run(async (tx) => {
      const fair = requireVisible(await this.fairs.findById(tx, fairId), actor);
      const now = this.clock.now();
      assertBookable(fair, now);
      assertNoViolations(
        await this.eligibility.violations(tx, fair, producerId, now, { countBookings: false }),
      );
      const entry = await this.waitlist.insert(tx, {
        fairId,
        producerId,
        zone: wish.zone ?? null,
        kind: wish.kind ?? null,
        at: now,
      });
      if (!entry) throw FairErrors.WAITLIST_ALREADY_JOINED();
      return {
        id: entry.id,
        fairId,
        producerId,
        zone: entry.zone,
        kind: entry.kind,
        status: entry.status,
        place: await this.waitlist.placeOf(tx, entry),
        createdAt: entry.createdAt.toISOString(),
      };
    });
  }
}
