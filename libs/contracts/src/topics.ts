import { SERVICE_REGISTRY } from './services.registry';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
const camelCase = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** Each service's topic under its name in camelCase (TOPICS.roadCases), from the registry. */
type ServiceTopics = {
  readonly [S in (typeof SERVICE_REGISTRY)[number] as CamelCase<S['name']>]: S['topic'];
};

/** Every Kafka topic in one place (docs/architecture.md, Messaging). Keys are stream ids so one aggregate's events stay in order. */
export const TOPICS = {
  ...(Object.fromEntries(SERVICE_REGISTRY.map((service) => [camelCase(service.name), service.topic])) as ServiceTopics),
  /** Operators' end-to-end check of the Kafka path: every service consumes every other service's pings. */
  pings: 'platform.pings',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_PARTITIONS = 3;

/** Where a service publishes its Merkle log's signed checkpoints (C2SP signed notes), for witnesses to follow. */
export function checkpointsTopic(service: string): string {
  return `${service}.checkpoints`;
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
