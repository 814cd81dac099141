import type { Kafka } from 'kafkajs';
import { deadLetterTopic, TOPIC_PARTITIONS } from '@app/contracts';

/** Topic names as they are on the broker: the logical name behind the deployment's namespace. */
export function physicalTopic(namespace: string, topic: string): string {
  return namespace ? `${namespace}.${topic}` : topic;
}

/**
 * Creates the topics (and their dead-letter topics) with explicit partitions, and `withoutDeadLetters` as they are
 * (a topic no service consumes, such as `<service>.checkpoints`, has nothing to dead-letter); existing ones are left.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], withoutDeadLetters: string[] = []): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...new Set([...topics.flatMap((t) => [t, deadLetterTopic(t)]), ...withoutDeadLetters])].filter(
      (t) => !existing.has(t),
    );
    if (wanted.length > 0) {
      await admin.createTopics({
        topics: wanted.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: -1 })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
