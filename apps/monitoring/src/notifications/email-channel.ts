import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';

/** One e-mail as the dispatcher hands it over: the address is read from the personal-data record just before. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  language: string;
  /** Stable per delivery, so a retry after an unrecorded success is recognisable as the same message. */
  messageId: string;
}

const TIMEOUT_MS = 15_000;

/** E-mail over SMTP (nodemailer) to the server of SMTP_URL; without one, e-mail is off and nothing is queued for it. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.transport = config.smtpUrl
      ? nodemailer.createTransport({
          url: config.smtpUrl,
          connectionTimeout: TIMEOUT_MS,
          greetingTimeout: TIMEOUT_MS,
          socketTimeout: TIMEOUT_MS,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(mail: OutgoingEmail): Promise<void> {
    if (!this.transport) throw new Error('e-mail is off (SMTP_URL is unset)');
    await this.transport.sendMail({
      from: this.config.smtpFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
