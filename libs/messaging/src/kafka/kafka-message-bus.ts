import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { MessageBus, OutgoingMessage } from '@app/platform';
import type { MessageSigner } from '../signing/envelope-signature';
import { publishInSpans } from '../tracing/message-spans';
import { physicalTopic } from './kafka-topics';

/**
 * Idempotent kafkajs producer, acks from all in-sync replicas, one request in flight so order holds. Every message it
 * publishes is signed with the service's key over its logical topic, key and value bytes (EnvelopeSigner).
 */
export class KafkaMessageBus extends MessageBus {
  private producer?: Producer;
  private connecting?: Promise<Producer>;

  constructor(
    private readonly kafka: Kafka,
    private readonly namespace: string,
    /** Unset for tools that only send what others signed (dead-letter replays); such a bus cannot publish. */
    private readonly signer?: MessageSigner,
  ) {
    super();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    const signer = this.signer;
    if (!signer) throw new Error('this bus has no signing key: it only sends messages already signed (sendRaw)');
    await publishInSpans('kafka', messages, async (traced) =>
      this.sendRaw(
        await Promise.all(
          traced.map(async (m) => {
            const value = JSON.stringify(m.value);
            return {
              key: m.key,
              topic: physicalTopic(this.namespace, m.topic),
              value,
              headers: { ...m.headers, ...(await signer.signedHeaders(m.topic, m.key, value, traced.length)) },
            };
          }),
        ),
      ),
    );
  }

  /** Sends to physical topic names with values already encoded (dead letters, replays). */
  async sendRaw(
    messages: Array<{ topic: string; key: string | null; value: string; headers: Record<string, string> }>,
  ): Promise<void> {
    const producer = await this.connected();
    const byTopic = new Map<string, typeof messages>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, group]) => ({
        topic,
        messages: group.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await producer?.disconnect();
  }

  private connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      try {
        await producer.connect();
      } catch (error) {
        this.connecting = undefined;
        throw error;
      }
      this.producer = producer;
      return producer;
    })();
    return this.connecting;
  }
}
