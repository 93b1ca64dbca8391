import { Tx } from '@ocop/persistence';

/** A purchase order as payments needs it (read through the ordering module's facade). */
export interface PayableOrder {
  id: string;
  number: string;
  buyerId: string;
  paymentMethod: 'card' | 'invoice';
  /** What the buyer owes now: dropped supplier orders excluded, partial acceptance applied, VAT included. */
  totalVnd: number;
  createdAt: Date;
  producerIds: string[];
}

/** The least a purchase order must say about itself to be paid (what `GET /orders/{id}` has at hand). */
export type OrderForPayment = Pick<
  PayableOrder,
  'id' | 'buyerId' | 'paymentMethod' | 'totalVnd' | 'createdAt'
>;

/** A stall booking as payments needs it (read through the fairs module's facade). */
export interface PayableBooking {
  id: string;
  producerId: string;
  status: string;
  amountVnd: number;
  holdExpiresAt: Date | null;
}

/**
 * What payments reads from the modules that own the payable things. One abstract class so the
 * dependency on ordering and fairs sits in one adapter (`payables.adapter.ts`).
 */
export abstract class Payables {
  abstract order(tx: Tx, orderId: string): Promise<PayableOrder | undefined>;
  abstract booking(tx: Tx, bookingId: string): Promise<PayableBooking | undefined>;
  /**
   * Confirms a held booking whose fee was paid by `paymentRef`. `not_confirmable` when the hold was
   * cancelled or expired (or another payment already confirmed it): the caller refunds.
   */
  abstract confirmBooking(
    tx: Tx,
    bookingId: string,
    paymentRef: string,
  ): Promise<'confirmed' | 'not_confirmable'>;
  abstract paymentTermsDays(tx: Tx, organizationId: string): Promise<number>;
}
