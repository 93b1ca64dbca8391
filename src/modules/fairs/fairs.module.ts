import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { GeoModule } from '../geo';
import { OrganizationsModule } from '../organizations';
import { BookingsController } from './api/bookings.controller';
import { FairsController } from './api/fairs.controller';
import { BookingLifecycle } from './application/booking-lifecycle';
import { BookingsService } from './application/bookings.service';
import { CheckInCodes } from './application/check-in-codes';
import { Eligibility } from './application/eligibility';
import { FairsFacade } from './application/fairs.facade';
import { FairsService } from './application/fairs.service';
import { StallsService } from './application/stalls.service';
import { FAIRS_QUEUE, FairsQueue } from './jobs/fairs-queue';
import { FairsProcessor } from './jobs/fairs.processor';
import { BookingRepository } from './persistence/booking.repository';
import { FairRepository } from './persistence/fair.repository';
import { StallRepository } from './persistence/stall.repository';
import { WaitlistRepository } from './persistence/waitlist.repository';

@Module({
  imports: [BullModule.registerQueue({ name: FAIRS_QUEUE }), GeoModule, OrganizationsModule, CatalogModule],
  controllers: [FairsController, BookingsController],
  providers: [
    FairRepository,
    StallRepository,
    BookingRepository,
    WaitlistRepository,
    Eligibility,
    CheckInCodes,
    FairsQueue,
    BookingLifecycle,
    FairsService,
    StallsService,
    BookingsService,
    FairsFacade,
    FairsProcessor,
  ],
  exports: [FairsFacade],
})
export class FairsModule {}
