export { FairsModule } from './fairs.module';
export { FairsFacade } from './application/fairs.facade';
export type { BookingForPayment, ConfirmPaidOutcome } from './application/fairs.facade';
export { FAIR_EVENT_TYPES } from './domain/fair-events';
export type { BookingEventPayload, FairEventPayload, FairEventType } from './domain/fair-events';
export type { BookingStatus } from './domain/booking';
export type { FairStatus } from './domain/fair';
