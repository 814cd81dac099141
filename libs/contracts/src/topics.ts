/** Every Kafka topic in one place (docs/architecture.md, Messaging). Keys are stream ids so one aggregate's events stay in order. */
export const TOPICS = {
  budgets: 'budgets.events',
  monitoring: 'monitoring.events',
  roadCases: 'road-cases.events',
  fines: 'fines.events',
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
