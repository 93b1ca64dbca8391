import { Injectable } from '@nestjs/common';
import { vietnamDate } from '@ocop/clock';
import { Tx } from '@ocop/persistence';
import { CatalogFacade } from '../../catalog';
import { OrganizationsFacade } from '../../organizations';
import { RuleViolation, ruleViolations } from '../domain/booking';
import { Fair } from '../domain/fair';
import { BookingRepository } from '../persistence/booking.repository';

/** Gathers what the fair's rules need to know about a producer and applies them. */
@Injectable()
export class Eligibility {
  constructor(
    private readonly organizations: OrganizationsFacade,
    private readonly catalog: CatalogFacade,
    private readonly bookings: BookingRepository,
  ) {}

  /**
   * The rules' verdict for one more stall. Call it after `lockProducerInFair`, so that the count of
   * live bookings cannot change before the caller inserts its hold.
   */
  async violations(
    tx: Tx,
    fair: Fair,
    producerId: string,
    now: Date,
    options: { countBookings?: boolean } = {},
  ): Promise<RuleViolation[]> {
    const producer = await this.organizations.find(tx, producerId);
    const bestStars =
      fair.rules.minStars === null
        ? null
        : await this.catalog.bestOcopStarsOf(tx, producerId, vietnamDate(now));
    const liveBookings =
      options.countBookings === false || fair.rules.maxStallsPerProducer === null
        ? 0
        : await this.bookings.countLive(tx, fair.id, producerId);
    return ruleViolations(fair, {
      producerStatus: producer?.role === 'producer' ? producer.status : 'not_a_producer',
      bestStars,
      liveBookings,
    });
  }
}
