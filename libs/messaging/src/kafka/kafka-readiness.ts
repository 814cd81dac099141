import type { ReadinessIndicator, ReadinessResult } from '@app/platform';
import type { KafkaAdminConnection } from './kafka-admin-connection';

/** Asks the broker for its cluster description. */
export class KafkaReadiness implements ReadinessIndicator {
  readonly name = 'kafka';

  constructor(private readonly admin: KafkaAdminConnection) {}

  async check(): Promise<ReadinessResult> {
    try {
      const cluster = await this.admin.use((admin) => admin.describeCluster());
      return { up: true, detail: `${cluster.brokers.length} broker(s)` };
    } catch (error) {
      return { up: false, detail: (error as Error).message };
    }
  }
}
