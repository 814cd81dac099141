import { Partitioners } from 'kafkajs';
import { topicUnderTest } from '../support/kafka-under-test';

// kafkajs 2.2.4 (what @nestjs/microservices uses) against the Kafka 4.x broker: produce, consume in a group,
// commit, leave, rejoin and resume after the committed offset.
describe('kafkajs against the Kafka 4 broker', () => {
  const { kafka, ns, topic } = topicUnderTest('compat', 'smoke', 2);
  const groupId = `${ns}.group`;

  async function consume(count: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length}/${count} messages arrived`)), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          seen.push(message.value!.toString());
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          if (seen.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    return seen;
  }

  it('produces with an idempotent producer, consumes in a group, commits, and resumes after rejoining', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: ['a1', 'a2', 'a3'].map((v) => ({ key: v, value: v })) });

    expect((await consume(3)).sort()).toEqual(['a1', 'a2', 'a3']);

    await producer.send({ topic, acks: -1, messages: ['b1', 'b2'].map((v) => ({ key: v, value: v })) });
    await producer.disconnect();
    // The same group rejoins and gets only what came after its committed offsets.
    expect((await consume(2)).sort()).toEqual(['b1', 'b2']);

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    const committed = offsets[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(committed).toBe(5);
  });
});
