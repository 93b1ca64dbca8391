import { Injectable, Logger } from '@nestjs/common';
import { addDays } from '@ocop/clock';
import { OutboxWriter, UnitOfWork } from '@ocop/persistence';
import { CatalogFacade } from '../../catalog';

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

export const REMINDER_LEAD_DAYS = 30;

/**
 * The daily OCOP certificate check: a reminder 30 days before expiry and a notice on the day. Each
 * (certificate, kind, expiry date) is emitted once — a second run the same day (a retried job, a
 * late replica) finds its row in certificate_reminders and emits nothing.
 */
@Injectable()
export class CertificateReminders {
  private readonly logger = new Logger(CertificateReminders.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly catalog: CatalogFacade,
  ) {}

  async run(today: string): Promise<number> {
    let emitted = 0;
    for (const [type, date] of [
      ['ocop.certificate_expiring', addDays(today, REMINDER_LEAD_DAYS)],
      ['ocop.certificate_expired', today],
    ] as const) {
      emitted += await this.uow.run(async (tx) => {
        const due = await this.catalog.findCertificatesExpiringOn(tx, date);
        let count = 0;
        for (const certificate of due) {
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
              payload: {
                ...certificate,
                daysLeft: type === 'ocop.certificate_expiring' ? REMINDER_LEAD_DAYS : 0,
              },
            },
          ]);
          count++;
        }
        return count;
      });
    }
    if (emitted) this.logger.log({ emitted, today }, 'OCOP certificate reminders emitted');
    return emitted;
  }
}
