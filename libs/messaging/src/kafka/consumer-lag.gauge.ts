import { Gauge, type Registry } from 'prom-client';
import type { KafkaAdminConnection } from './kafka-admin-connection';

/** Lag per partition (end offset minus committed offset), asked of the broker at scrape time. */
export function registerConsumerLagGauge(
  registry: Registry,
  connection: KafkaAdminConnection,
  groupId: string,
  topics: string[],
): void {
  new Gauge({
    name: 'consumer_lag_messages',
    help: 'Messages in a partition not yet committed by this service',
    labelNames: ['topic', 'partition'],
    registers: [registry],
    async collect() {
      try {
        const offsets = await connection.use(async (admin) => {
          const committed = await admin.fetchOffsets({ groupId, topics });
          return Promise.all(
            committed.map(async ({ topic, partitions }) => ({
              topic,
              partitions,
              ends: await admin.fetchTopicOffsets(topic),
            })),
          );
        });
        for (const { topic, partitions, ends } of offsets) {
          for (const end of ends) {
            const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            const lag = Number(end.high) - Math.max(Number(at), Number(end.low));
            this.set({ topic, partition: String(end.partition) }, Math.max(lag, 0));
          }
        }
      } catch {
        // Broker away: readiness reports it; the gauge keeps its last values.
      }
    },
  });
}
