import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type Admin,
  type Consumer,
  type SASLOptions,
} from 'kafkajs';
import { parse } from 'yaml';
import { checkpointsTopic, deadLetterTopic, TOPIC_PARTITIONS, TOPICS } from '@app/contracts';
import { eventually, http, privateKafka, uniqueNamespace, type ServiceProcess } from '@app/testing';
import { pingDelivered, untilReady } from '../support/service-calls';
import { spawnService, testDatabase } from '../support/spawned-services';

// The broker enforces who may do what: a private SASL_PLAINTEXT/SCRAM-SHA-512 broker with the StandardAuthorizer
// (docker/kafka/kafka-start.sh with KAFKA_SASL=1), the ACLs of docker-compose.yml for monitoring and road-cases, and
// real clients with each service's credentials. The shared broker of the other files is not touched.
const PORT = 19192;
const BROKERS = [`127.0.0.1:${PORT}`];
const PASSWORDS = {
  admin: 'admin-test-secret',
  monitoring: 'monitoring-test-secret',
  'road-cases': 'road-cases-test-secret',
};
type User = keyof typeof PASSWORDS;
const ns = uniqueNamespace('sasl');
const topic = (name: string) => `${ns}.${name}`;

/** What compose's kafka-acls job grants (docker/kafka/compose-kafka-acls.sh), from the same SERVICE_SUBSCRIPTIONS. */
function composeAcls(service: 'monitoring' | 'road-cases') {
  const compose = parse(readFileSync(join(process.cwd(), 'docker-compose.yml'), 'utf8'));
  const entry = String(compose.services['kafka-acls'].environment.SERVICE_SUBSCRIPTIONS)
    .split(/\s+/)
    .find((e) => e.startsWith(`${service}:`));
  if (!entry) throw new Error(`docker-compose.yml kafka-acls names no ${service}`);
  const consumed = [...entry.slice(service.length + 1).split(','), TOPICS.pings];
  const produced = [`${service}.events`, TOPICS.pings];
  const write = [...produced, checkpointsTopic(service), ...consumed.map(deadLetterTopic)];
  const created = [
    ...[...new Set([...consumed, ...produced])].flatMap((t) => [t, deadLetterTopic(t)]),
    checkpointsTopic(service),
  ];
  const allow = (resourceType: AclResourceTypes, names: string[], operations: AclOperationTypes[]) =>
    names.flatMap((name) =>
      operations.map((operation) => ({
        resourceType,
        resourceName: `${ns}.${name}`,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${service}`,
        host: '*',
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    );
  return [
    ...allow(AclResourceTypes.TOPIC, created, [AclOperationTypes.DESCRIBE, AclOperationTypes.CREATE]),
    ...allow(AclResourceTypes.TOPIC, write, [AclOperationTypes.WRITE]),
    ...allow(AclResourceTypes.TOPIC, consumed, [AclOperationTypes.READ]),
    ...allow(AclResourceTypes.GROUP, [service], [AclOperationTypes.READ]),
  ];
}

const sasl = (user: User, password = PASSWORDS[user]): SASLOptions => ({
  mechanism: 'scram-sha-512',
  username: user,
  password,
});
const client = (user: User, password?: string) =>
  new Kafka({
    clientId: `sasl-test-${user}`,
    brokers: BROKERS,
    sasl: sasl(user, password),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 1, initialRetryTime: 100 },
  });

describe('Kafka with SASL/SCRAM and ACLs', () => {
  const broker = privateKafka(PORT, 'kafka-sasl', {
    KAFKA_SASL: '1',
    KAFKA_ADMIN_PASSWORD: PASSWORDS.admin,
    KAFKA_SCRAM_USERS: `monitoring=${PASSWORDS.monitoring} road-cases=${PASSWORDS['road-cases']}`,
  });
  let admin: Admin;
  const consumers: Consumer[] = [];
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    // Loud, not skipped: without Java there is no broker to prove anything against.
    try {
      execFileSync('java', ['-version'], { stdio: 'ignore' });
    } catch {
      throw new Error('java not found: this test runs its own SASL broker from docker/kafka (install a JDK 17+)');
    }
    const started = Date.now();
    await broker.start();
    process.stdout.write(`SASL broker formatted and ready in ${Date.now() - started} ms\n`);
    admin = client('admin').admin();
    await admin.connect();
    await admin.createTopics({
      topics: [TOPICS.monitoring, TOPICS.roadCases, TOPICS.fines].map((t) => ({
        topic: topic(t),
        numPartitions: TOPIC_PARTITIONS,
      })),
      waitForLeaders: true,
    });
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await admin?.disconnect().catch(() => undefined);
    await broker.remove();
  });
  // Declared after the hook above: dropped once the services stopped.
  const db = testDatabase('kafka_sasl');

  async function produce(user: User, to: string, value: string): Promise<void> {
    // Idempotent, like the services' producer (KafkaMessageBus): no IdempotentWrite ACL on the cluster is needed.
    const producer = client(user).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: to, acks: -1, messages: [{ key: 'k', value }] });
    } finally {
      await producer.disconnect();
    }
  }

  it('denies an authenticated service everything while no ACL allows it (allow.everyone.if.no.acl.found=false)', async () => {
    await expect(produce('monitoring', topic(TOPICS.monitoring), 'before-acls')).rejects.toThrow(/authoriz/i);
  });

  it('creates the compose ACLs of monitoring and road-cases as admin', async () => {
    const acl = [...composeAcls('monitoring'), ...composeAcls('road-cases')];
    await admin.createAcls({ acl });
    const described = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const count = described.resources.reduce((sum, resource) => sum + resource.acls.length, 0);
    process.stdout.write(`created ${acl.length} ACLs (monitoring and road-cases)\n`);
    expect(count).toBe(acl.length);
  });

  it('(a) lets monitoring produce to its own topic, and refuses it road-cases.events', async () => {
    await produce('monitoring', topic(TOPICS.monitoring), 'from-monitoring');
    await expect(produce('monitoring', topic(TOPICS.roadCases), 'forged')).rejects.toThrow(/authoriz/i);
  });

  it('(b) refuses a wrong password and an unknown user', async () => {
    const wrong = client('monitoring', 'not-the-password').admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    const unknown = new Kafka({
      clientId: 'sasl-test-unknown',
      brokers: BROKERS,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'scram-sha-512', username: 'fines', password: PASSWORDS.monitoring },
    }).admin();
    await expect(unknown.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    // The same client with the right password gets in.
    const right = client('monitoring').admin();
    await right.connect();
    await right.disconnect();
  });

  it('(c) lets road-cases consume monitoring.events in its own group, but not fines.events nor in another group', async () => {
    const received: string[] = [];
    const consumer = client('road-cases').consumer({ groupId: topic('road-cases'), retry: { retries: 1 } });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic(TOPICS.monitoring)], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    await eventually(
      async () => received,
      (r) => r.includes('from-monitoring'),
      { timeoutMs: 30_000, what: 'road-cases reads monitoring.events' },
    );
    await consumer.disconnect();

    const reader = client('road-cases').consumer({ groupId: topic('road-cases'), retry: { retries: 0 } });
    consumers.push(reader);
    await reader.connect();
    await expect(reader.subscribe({ topics: [topic(TOPICS.fines)], fromBeginning: true })).rejects.toThrow(/authoriz/i);
    await reader.disconnect();

    // Its credentials do not open monitoring's group, even for a topic it may read. kafkajs reports only "Failed to
    // find group coordinator"; the broker's answer (GROUP_AUTHORIZATION_FAILED) is in its debug log.
    const logged: string[] = [];
    const crasher = new Kafka({
      clientId: 'sasl-test-road-cases',
      brokers: BROKERS,
      sasl: sasl('road-cases'),
      retry: { retries: 0 },
      logLevel: logLevel.DEBUG,
      logCreator:
        () =>
        ({ log }) =>
          void logged.push(JSON.stringify(log)),
    }).consumer({ groupId: topic('monitoring'), retry: { retries: 0 } });
    consumers.push(crasher);
    const crashed = new Promise<string>((resolve) =>
      crasher.on(crasher.events.CRASH, (event) => resolve(String(event.payload.error))),
    );
    await crasher.connect();
    await crasher.subscribe({ topics: [topic(TOPICS.monitoring)], fromBeginning: true });
    await crasher.run({ eachMessage: async () => undefined });
    expect(await crashed).toMatch(/group coordinator/i);
    expect(logged.join('\n')).toMatch(/Group authorization failed/i);
    await crasher.disconnect();
  });

  it('(d) runs road-cases and monitoring with KAFKA_SASL_*: ready, and a ping from monitoring reaches road-cases', async () => {
    const spawn = (app: string, credentials: Record<string, string>) =>
      spawnService(app, db, 'kafka_sasl', {
        kafkaNamespace: ns,
        env: { KAFKA_BROKERS: broker.brokers, ...credentials },
      });
    const saslEnv = (service: 'monitoring' | 'road-cases') => ({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: service,
      KAFKA_SASL_PASSWORD: PASSWORDS[service],
    });
    const ready = (service: ServiceProcess) => http('GET', `${service.url}/health/ready`);

    // Without credentials the same service never gets past the SASL listener.
    const anonymous = await spawn('road-cases', {});
    services.push(anonymous);
    await new Promise((r) => setTimeout(r, 5000));
    expect((await ready(anonymous)).status).toBe(503);
    await anonymous.stop();

    const started = Date.now();
    const [monitoring, roadCases] = await Promise.all([
      spawn('monitoring', saslEnv('monitoring')),
      spawn('road-cases', saslEnv('road-cases')),
    ]);
    services.push(monitoring, roadCases);
    for (const service of [monitoring, roadCases]) await untilReady(service);
    process.stdout.write(`monitoring and road-cases ready over SASL ${Date.now() - started} ms after start\n`);

    // road-cases' consumer joined its group on the broker.
    const group = await eventually(
      () => admin.describeGroups([topic('road-cases')]).then((d) => d.groups[0]),
      (g) => g.state === 'Stable' && g.members.length === 1,
      { timeoutMs: 60_000, what: 'road-cases group stable with a member' },
    );
    expect(group.members[0].clientId).toBe('road-cases');

    // monitoring produces (its idempotent producer, Write on platform.pings); road-cases consumes and records it.
    const received = await pingDelivered(monitoring, roadCases);
    expect(received.body).toMatchObject({ from: 'monitoring', receivedBy: 'road-cases' });
    // Neither service logged an authorization failure on its way.
    for (const service of [monitoring, roadCases])
      expect(service.output()).not.toMatch(/AUTHORIZATION_FAILED|not authorized/i);
  });
});
