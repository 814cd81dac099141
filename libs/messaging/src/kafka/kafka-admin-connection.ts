import type { Admin, Kafka } from 'kafkajs';

/**
 * One admin connection a service keeps for readiness checks and lag metrics, connected on first use and replaced
 * after any failure, so recovery needs no restart and a scrape does not open a connection of its own.
 */
export class KafkaAdminConnection {
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async use<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      return await work(this.admin);
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
