import pg from 'pg';
import type { LoggerService } from '@nestjs/common';

/**
 * LISTEN for the NOTIFY EventStore.append sends with each append, so the relay publishes within
 * milliseconds instead of waiting for its next poll. Polling stays as the fallback; this only wakes it.
 */
export class EventsNotificationListener {
  private client?: pg.Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger?: LoggerService,
  ) {}

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: `listen:${this.channel}` });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.reconnect(error));
    client.on('end', () => this.reconnect(new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      this.client = client;
    } catch (error) {
      this.reconnect(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private reconnect(error: Error): void {
    if (this.stopped || this.retry) return;
    this.logger?.warn(
      `LISTEN ${this.channel}: ${error.message}; relay falls back to polling until reconnected`,
      'Outbox',
    );
    this.client = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, 2000);
  }
}
