import { Gauge, type Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';

/** Lag per partition (end offset minus committed offset), asked of the broker at scrape time. */
export function registerConsumerLagGauge(registry: Registry, kafka: Kafka, groupId: string, topics: string[]): void {
  new Gauge({
    name: 'consumer_lag_messages',
    help: 'Messages in a partition not yet committed by this service',
    labelNames: ['topic', 'partition'],
    registers: [registry],
    async collect() {
      const admin = kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        const committed = await admin.fetchOffsets({ groupId, topics });
        for (const { topic, partitions } of committed) {
          const ends = await admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            const lag = Number(end.high) - Math.max(Number(at), Number(end.low));
            this.set({ topic, partition: String(end.partition) }, Math.max(lag, 0));
          }
        }
      } catch {
        // Broker away: readiness reports it; the gauge keeps its last values.
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  });
}
