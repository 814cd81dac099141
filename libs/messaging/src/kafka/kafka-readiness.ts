import { Admin, Kafka } from 'kafkajs';
import type { ReadinessIndicator, ReadinessResult } from '@app/platform';

/** Asks the broker for its cluster description; a fresh admin after any failure, so recovery needs no restart. */
export class KafkaReadiness implements ReadinessIndicator {
  readonly name = 'kafka';
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async check(): Promise<ReadinessResult> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      return { up: true, detail: `${cluster.brokers.length} broker(s)` };
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      return { up: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
