import { Injectable, Logger } from '@nestjs/common';
import { Clock, vietnamDate } from '@ocop/clock';
import { OutboxWriter, Tx, UnitOfWork } from '@ocop/persistence';
import { DomainEventEnvelope, OnDomainEvent } from '@ocop/queue';
import { CatalogFacade } from '../../catalog';
import { daysBetween, expiryWindow, noticeDue } from '../domain/certificate-notices';

/** A certificate as the catalog reports it for the reminder schedule. */
export interface ExpiringCertificate {
  certificateId: string;
  certificateNumber: string;
  productId: string;
  productName: string;
  /** The producer organization that owns the product (the audience of the reminder). */
  organizationId: string;
  /** YYYY-MM-DD */
  expiresOn: string;
  stars?: number;
}

/**
 * OCOP certificate notices: a reminder once the last valid day is within 30 days, an expiry notice
 * from that day on (see `noticeDue`). The daily run looks at every date a notice may be owed for, so
 * a missed run or a certificate recorded with less than 30 days left is caught up; a rating recorded
 * inside the window is answered at once from its `product.ocop_rated` event.
 *
 * Exactly once: the notice's outbox event is written in the transaction that inserts its row in
 * certificate_reminders (primary key certificate × kind × last valid day). Concurrent runs (several
 * workers, a retried job, the rating reaction) wait on each other's uncommitted row and then find
 * it taken. The certificate id is the rating's, and a certificate number is recorded only once, so
 * the key is the certificate number and its expiry: a renewed certificate gets its own notices.
 */
@Injectable()
export class CertificateReminders {
  private readonly logger = new Logger(CertificateReminders.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly catalog: CatalogFacade,
    private readonly clock: Clock,
  ) {}

  /** The daily run for `today` (YYYY-MM-DD in Asia/Ho_Chi_Minh); returns how many notices it sent. */
  async run(today: string): Promise<number> {
    const { from, to } = expiryWindow(today);
    const emitted = await this.uow.run(async (tx) =>
      this.notify(tx, today, await this.catalog.findCertificatesExpiringBetween(tx, from, to)),
    );
    if (emitted) this.logger.log({ emitted, today }, 'OCOP certificate notices emitted');
    return emitted;
  }

  @OnDomainEvent('product.ocop_rated')
  async onRated(event: DomainEventEnvelope): Promise<void> {
    const { productId, certificateNo, expiresOn } = event.payload;
    if (typeof expiresOn !== 'string') return;
    const today = vietnamDate(this.clock.now());
    if (!noticeDue(expiresOn, today)) return;
    await this.uow.run(async (tx) => {
      // Only while it is still the product's current certificate: a later rating replaced it otherwise.
      const current = (await this.catalog.findCertificatesExpiringBetween(tx, expiresOn, expiresOn)).filter(
        (certificate) =>
          certificate.productId === productId && certificate.certificateNumber === certificateNo,
      );
      return this.notify(tx, today, current);
    });
  }

  private async notify(tx: Tx, today: string, certificates: ExpiringCertificate[]): Promise<number> {
    let count = 0;
    for (const certificate of certificates) {
      const type = noticeDue(certificate.expiresOn, today);
      if (!type) continue;
      const claimed = await tx.execute(
        `INSERT INTO certificate_reminders (certificate_id, kind, expires_on) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [certificate.certificateId, type, certificate.expiresOn],
      );
      if (claimed === 0) continue;
      this.outbox.add(tx, [
        {
          type,
          aggregateType: 'ocop_certificate',
          aggregateId: certificate.certificateId,
          audience: [certificate.organizationId],
          payload: { ...certificate, daysLeft: daysBetween(today, certificate.expiresOn) },
        },
      ]);
      count++;
    }
    return count;
  }
}
