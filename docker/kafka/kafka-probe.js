// Waits until a kafkajs admin can reach the broker (and, with --create-topic, create a topic).
// Usage: node kafka-probe.js host:port [--timeout ms] [--create-topic]
// With KAFKA_PROBE_SASL_USERNAME/KAFKA_PROBE_SASL_PASSWORD it authenticates with SCRAM-SHA-512 (kafka-start.sh, KAFKA_SASL=1).
const { Kafka, logLevel } = require('kafkajs');

const [broker, ...args] = process.argv.slice(2);
const timeoutMs = Number(args[args.indexOf('--timeout') + 1]) || 30000;
const createTopic = args.includes('--create-topic');
const deadline = Date.now() + timeoutMs;
const sasl = process.env.KAFKA_PROBE_SASL_USERNAME
  ? {
      mechanism: 'scram-sha-512',
      username: process.env.KAFKA_PROBE_SASL_USERNAME,
      password: process.env.KAFKA_PROBE_SASL_PASSWORD || '',
    }
  : undefined;

async function attempt() {
  const admin = new Kafka({
    clientId: 'kafka-probe',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
    ...(sasl ? { sasl } : {}),
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    if (createTopic) {
      await admin.createTopics({ topics: [{ topic: 'local-broker.probe', numPartitions: 1 }], waitForLeaders: true });
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

(async () => {
  let lastError;
  while (Date.now() < deadline) {
    try {
      await attempt();
      console.log(`kafka: ready at ${broker}`);
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  console.error(`kafka: not ready at ${broker} after ${timeoutMs} ms: ${lastError && lastError.message}`);
  process.exit(1);
})();
