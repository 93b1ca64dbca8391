import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../../../config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  locale: string;
  eventId: string;
  deliveryId: string;
}

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise the message is written to the log, which
 * is what a laptop without a mail server wants. Every message carries the event id so a recipient
 * (or a mail filter) can recognise the rare repeat after a worker crash.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) {
      this.transport = createTransport(config.smtpUrl, { from: config.notifications.mailFrom });
    }
  }

  async send(email: OutgoingEmail): Promise<void> {
    const message = {
      from: this.config.notifications.mailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
      headers: {
        'X-OCOP-Event-Id': email.eventId,
        'X-OCOP-Delivery-Id': email.deliveryId,
        'Content-Language': email.locale,
      },
    };
    if (!this.transport) {
      this.logger.log({ email: message }, 'email (SMTP_URL not set, logged instead of sent)');
      return;
    }
    await this.transport.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
