import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { addDays, Clock } from '@ocop/clock';
import { CommonErrors, FieldError } from '@ocop/errors';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { OutboxWriter, UnitOfWork } from '@ocop/persistence';
import { GeoFacade } from '../../geo';
import { OrganizationsFacade } from '../../organizations';
import { FairCalendarView, FairView, toCalendarFairView, toFairView } from '../api/fair.view';
import {
  assertEditable,
  assertFairMove,
  assertScheduleAhead,
  effectiveStatus,
  Fair,
  FAIR_STATUSES,
  fairDaysWithin,
  FairStatus,
  validateSchedule,
  vietnamDayStart,
} from '../domain/fair';
import { bookingEvent, FAIR_EVENT_TYPES, fairEvent } from '../domain/fair-events';
import { FairErrors } from '../domain/fairs.errors';
import { BookingRepository } from '../persistence/booking.repository';
import { FairFields, FairRepository, VENUE_CONSTRAINT } from '../persistence/fair.repository';
import { WaitlistRepository } from '../persistence/waitlist.repository';
import { requireOrganizerOf, requireVisible } from './fair-access';

export interface FairInput {
  name?: string;
  venue?: string;
  communeCode?: string;
  startsAt?: string;
  endsAt?: string;
  bookingOpensAt?: string;
  bookingClosesAt?: string;
  rules?: { minStars?: number; maxStallsPerProducer?: number };
}

/** Fairs listed to the public: announced ones, including those already over. */
const LISTED_STATUSES: readonly FairStatus[] = ['published', 'closed'];

/** The database refused an overlapping live fair at the same venue (SQLSTATE 23P01). */
function isVenueConflict(error: unknown): boolean {
  const candidate = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = candidate?.driverError?.code ?? candidate?.code;
  const constraint = candidate?.driverError?.constraint ?? candidate?.constraint;
  return code === '23P01' && constraint === VENUE_CONSTRAINT;
}

function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** `YYYY-MM-DD` is a Vietnam calendar day; anything else is an instant. */
function boundary(value: string, edge: 'start' | 'end'): Date {
  if (isCalendarDay(value)) {
    return vietnamDayStart(edge === 'start' ? value : addDays(value, 1));
  }
  return new Date(value);
}

@Injectable()
export class FairsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly fairs: FairRepository,
    private readonly bookings: BookingRepository,
    private readonly waitlist: WaitlistRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly geo: GeoFacade,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(actor: Actor, input: Required<Omit<FairInput, 'rules'>> & Pick<FairInput, 'rules'>) {
    const fields = this.fieldsOf(input);
    return this.mapVenueConflict(() =>
      this.uow.run(async (tx) => {
        await this.organizations.requireVerified(tx, actor.organizationId!);
        assertScheduleAhead(fields, this.clock.now(), { startSet: true });
        return toFairView(await this.fairs.insert(tx, actor.organizationId!, fields));
      }),
    );
  }

  /** Rename, move or reschedule; booked producers are told when the dates of a published fair move. */
  async update(actor: Actor, id: string, input: FairInput): Promise<FairView> {
    return this.mapVenueConflict(() =>
      this.uow.run(async (tx) => {
        const fair = requireOrganizerOf(await this.fairs.lockById(tx, id), actor);
        const now = this.clock.now();
        assertEditable(fair, now);
        const fields = this.fieldsOf({
          name: input.name ?? fair.name,
          venue: input.venue ?? fair.venue,
          communeCode: input.communeCode ?? fair.communeCode,
          startsAt: input.startsAt ?? fair.startsAt.toISOString(),
          endsAt: input.endsAt ?? fair.endsAt.toISOString(),
          bookingOpensAt: input.bookingOpensAt ?? fair.bookingOpensAt.toISOString(),
          bookingClosesAt: input.bookingClosesAt ?? fair.bookingClosesAt.toISOString(),
          rules: input.rules ?? {
            minStars: fair.rules.minStars ?? undefined,
            maxStallsPerProducer: fair.rules.maxStallsPerProducer ?? undefined,
          },
        });
        const startMoved = fields.startsAt.getTime() !== fair.startsAt.getTime();
        const moved = startMoved || fields.endsAt.getTime() !== fair.endsAt.getTime();
        // The rules of creation, except that a fair under way keeps the start it already had.
        if (moved) assertScheduleAhead(fields, now, { startSet: startMoved });
        const updated = await this.fairs.update(tx, id, fields);
        if (moved && updated.status === 'published') {
          const booked = await this.bookings.producersWithLiveBookings(tx, id);
          this.outbox.add(tx, [
            fairEvent(FAIR_EVENT_TYPES.fairRescheduled, updated, booked, {
              previous: { startsAt: fair.startsAt.toISOString(), endsAt: fair.endsAt.toISOString() },
            }),
          ]);
        }
        return toFairView(updated);
      }),
    );
  }

  publish(actor: Actor, id: string): Promise<FairView> {
    return this.uow.run(async (tx) => {
      const fair = requireOrganizerOf(await this.fairs.lockById(tx, id), actor);
      if (fair.status === 'published') return toFairView(fair);
      assertFairMove(fair.status, 'published');
      await this.organizations.requireVerified(tx, fair.organizerId);
      const now = this.clock.now();
      if (fair.endsAt <= now) throw FairErrors.FAIR_ALREADY_ENDED();
      const published = await this.fairs.changeStatus(tx, id, 'published', now);
      this.outbox.add(tx, [fairEvent(FAIR_EVENT_TYPES.fairPublished, published, [])]);
      return toFairView(published);
    });
  }

  /** Calling a fair off cancels every live booking and the waitlist; everyone concerned is told. */
  cancel(actor: Actor, id: string): Promise<FairView> {
    return this.uow.run(async (tx) => {
      // FOR UPDATE waits for bookings in flight (they hold the fair FOR SHARE) and keeps new ones out.
      const fair = requireOrganizerOf(await this.fairs.lockById(tx, id), actor);
      if (fair.status === 'cancelled') return toFairView(fair);
      const now = this.clock.now();
      assertFairMove(effectiveStatus(fair, now), 'cancelled');
      const live = await this.bookings.lockLiveOfFair(tx, id);
      // Exhibitors who have arrived have had their fair: their bookings cannot be undone, so neither
      // can the fair (it closes when its days are over).
      const checkedIn = live.filter((booking) => booking.checkedInAt !== null).length;
      if (checkedIn > 0) throw FairErrors.FAIR_HAS_CHECKED_IN({ checkedIn });
      const cancelled = await this.fairs.changeStatus(tx, id, 'cancelled', now);
      for (const booking of live) await this.bookings.cancel(tx, booking.id, now, 'fair_cancelled');
      const waiting = await this.waitlist.cancelAllOfFair(tx, id, now);
      this.outbox.add(tx, [
        ...live.map((booking) =>
          bookingEvent(
            FAIR_EVENT_TYPES.bookingCancelled,
            {
              fair: cancelled,
              stall: { id: booking.stallId, code: booking.stallCode },
              booking: { ...booking, status: 'cancelled' },
            },
            {
              by: 'fair_cancelled',
              wasConfirmed: booking.status === 'confirmed',
              paymentRef: booking.paymentRef,
            },
          ),
        ),
        fairEvent(FAIR_EVENT_TYPES.fairCancelled, cancelled, [...live.map((b) => b.producerId), ...waiting]),
      ]);
      return toFairView(cancelled);
    });
  }

  get(actor: Actor | undefined, id: string): Promise<FairView> {
    return this.uow.run(async (tx) => toFairView(requireVisible(await this.fairs.findById(tx, id), actor)));
  }

  /** Announced fairs for everyone; an organizer also sees its own drafts, an administrator all. */
  list(
    actor: Actor | undefined,
    query: {
      provinceCode?: string;
      communeCode?: string;
      from?: string;
      to?: string;
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<FairView>> {
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    this.assertKnownPlace(query);
    const from = query.from ? boundary(query.from, 'start') : undefined;
    const to = query.to ? boundary(query.to, 'end') : undefined;
    // A calendar day `to` ends where the next day begins, so a `from` on that next day is already past it.
    if (from && to && (from > to || (from.getTime() === to.getTime() && isCalendarDay(query.to!)))) {
      throw CommonErrors.VALIDATION_FAILED({}, [{ field: 'from', message: 'from must not be after to' }]);
    }
    return this.uow.run(async (tx) => {
      const rows = await this.fairs.findPage(tx, {
        statuses: actor?.role === 'admin' ? FAIR_STATUSES : LISTED_STATUSES,
        alsoOwnedBy: actor?.role === 'organizer' ? actor.organizationId! : undefined,
        provinceCode: query.provinceCode,
        communeCode: query.communeCode,
        from,
        to,
        after: position && { startsAt: position[0], id: position[1] },
        limit: query.limit,
      });
      return pageOf(rows, query.limit, toFairView, (fair: Fair) => [fair.startsAt.toISOString(), fair.id]);
    });
  }

  /** The month's announced fairs by Vietnam calendar day, so localities can avoid clashing dates. */
  calendar(query: { provinceCode?: string; month: string }): Promise<FairCalendarView> {
    this.assertKnownPlace(query);
    const firstDay = `${query.month}-01`;
    const nextMonth = addDays(`${query.month}-28`, 4).slice(0, 7);
    const lastDay = addDays(`${nextMonth}-01`, -1);
    return this.uow.run(async (tx) => {
      const fairs = await this.fairs.findOverlapping(
        tx,
        LISTED_STATUSES,
        vietnamDayStart(firstDay),
        vietnamDayStart(`${nextMonth}-01`),
        query.provinceCode,
      );
      const byDay = new Map<string, Fair[]>();
      for (const fair of fairs) {
        for (const day of fairDaysWithin(fair, firstDay, lastDay)) {
          byDay.set(day, [...(byDay.get(day) ?? []), fair]);
        }
      }
      return {
        month: query.month,
        provinceCode: query.provinceCode ?? null,
        days: [...byDay.keys()]
          .sort()
          .map((date) => ({ date, fairs: byDay.get(date)!.map(toCalendarFairView) })),
      };
    });
  }

  private fieldsOf(input: Required<Omit<FairInput, 'rules'>> & Pick<FairInput, 'rules'>): FairFields {
    const commune = this.geo.findCommune(input.communeCode);
    if (!commune) {
      throw FairErrors.COMMUNE_UNKNOWN({ communeCode: input.communeCode }, [
        { field: 'communeCode', message: 'unknown commune code' },
      ]);
    }
    const schedule = {
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      bookingOpensAt: new Date(input.bookingOpensAt),
      bookingClosesAt: new Date(input.bookingClosesAt),
    };
    validateSchedule(schedule);
    return {
      name: input.name,
      venue: input.venue,
      communeCode: commune.code,
      provinceCode: commune.provinceCode,
      ...schedule,
      rules: {
        minStars: input.rules?.minStars ?? null,
        maxStallsPerProducer: input.rules?.maxStallsPerProducer ?? null,
      },
    };
  }

  /** A filter on a place that does not exist is a mistake to report, not a question with no answer. */
  private assertKnownPlace(query: { provinceCode?: string; communeCode?: string }): void {
    const errors: FieldError[] = [];
    if (query.provinceCode && !this.geo.provinceExists(query.provinceCode)) {
      errors.push({ field: 'provinceCode', message: 'unknown province code' });
    }
    if (query.communeCode && !this.geo.findCommune(query.communeCode)) {
      errors.push({ field: 'communeCode', message: 'unknown commune code' });
    }
    if (errors.length > 0) throw CommonErrors.VALIDATION_FAILED({}, errors);
  }

  private async mapVenueConflict<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isVenueConflict(error)) throw FairErrors.VENUE_CONFLICT();
      throw error;
    }
  }
}
