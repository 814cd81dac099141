import pg from 'pg';
import {
  createTestDatabase,
  kcatProduce,
  startPrivatePostgres,
  startTcpFaultProxy,
  testEnv,
  type KcatMessage,
  type PrivatePostgres,
  type TcpFaultProxy,
  type TestDatabase,
} from '@app/testing';
import { topicUnderTest } from '../support/kafka-under-test';

// The tools fault tests are built from, each proven against the real servers before a test leans on it.

type Connected = pg.Client & { errors: Error[] };

async function connected(url: string): Promise<Connected> {
  const client = Object.assign(new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 }), {
    errors: [] as Error[],
  });
  // A server going away under an idle client is an 'error' event; unheard, it would end the jest worker.
  client.on('error', (error) => client.errors.push(error));
  await client.connect();
  return client;
}

async function connectError(url: string): Promise<Error & { code?: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error(`connecting to ${url} succeeded`);
}

describe('tcp fault proxy in front of the shared Postgres', () => {
  let db: TestDatabase;
  let proxy: TcpFaultProxy;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('fault_proxy');
    const server = new URL(db.url);
    proxy = await startTcpFaultProxy({ host: server.hostname, port: Number(server.port || 5432) });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await proxy?.close();
    await db?.drop();
  });

  it('passes queries, cuts open and new connections, and restores on the same port', async () => {
    const url = proxy.url(db.url);
    expect(new URL(url).port).toBe(String(proxy.port));
    expect(new URL(url).pathname).toBe(`/${db.name}`);

    const client = await connected(url);
    clients.push(client);
    expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe(db.name);
    expect(proxy.stats.connectionsAccepted).toBe(1);

    const port = proxy.port;
    await proxy.cut();
    expect(proxy.up).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toThrow(
      /Connection terminated unexpectedly|Client has encountered a connection error/,
    );
    // What an idle client saw: the clean end of terminated backends, not a reset.
    expect(client.errors.map((e) => e.message)).toEqual(['Connection terminated unexpectedly']);
    expect(proxy.stats.connectionsCut).toBe(1);
    expect((await connectError(url)).code).toBe('ECONNREFUSED');

    await proxy.restore();
    expect(proxy.port).toBe(port);
    const again = await connected(url);
    clients.push(again);
    expect((await again.query('SELECT 2 AS two')).rows[0].two).toBe(2);
    expect(proxy.stats).toEqual({ connectionsAccepted: 2, connectionsCut: 1 });
  });
});

describe('private Postgres', () => {
  let server: PrivatePostgres;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    server = await startPrivatePostgres();
    process.stdout.write(`private postgres (${server.binaries}) started in ${server.startupMs} ms\n`);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await server?.stop();
  });

  it('answers, is down during a restart, and answers again with the same data', async () => {
    const before = await connected(server.url);
    clients.push(before);
    await before.query('CREATE TABLE kept (id int PRIMARY KEY, note text)');
    await before.query(`INSERT INTO kept VALUES (1, 'before restart'), (2, 'also')`);

    let downError: (Error & { code?: string }) | undefined;
    const timing = await server.restart({
      downMs: 500,
      whileDown: async () => {
        downError = await connectError(server.url);
      },
    });
    process.stdout.write(`private postgres restart: ${JSON.stringify(timing)} ms\n`);
    expect(downError?.code).toBe('ECONNREFUSED');
    // The client opened before the restart lost its backend.
    await expect(before.query('SELECT 1')).rejects.toThrow();

    const after = await connected(server.url);
    clients.push(after);
    expect((await after.query('SELECT id, note FROM kept ORDER BY id')).rows).toEqual([
      { id: 1, note: 'before restart' },
      { id: 2, note: 'also' },
    ]);

    // An immediate stop (backends killed, crash recovery on start) keeps committed data too.
    const crash = await server.restart({ mode: 'immediate' });
    process.stdout.write(`private postgres immediate restart: ${JSON.stringify(crash)} ms\n`);
    const recovered = await connected(server.url);
    clients.push(recovered);
    expect(Number((await recovered.query('SELECT count(*) AS n FROM kept')).rows[0].n)).toBe(2);
  });
});

describe('kcat producer', () => {
  const brokers = testEnv('kafkaBrokers');
  const { kafka, ns, topic } = topicUnderTest('kcat', 'events', 2);

  it('produces messages whose key, value and headers a kafkajs consumer reads back intact', async () => {
    const messages: KcatMessage[] = [
      {
        key: 'case-1',
        // Newlines, quotes, '=', backslashes and non-ASCII: everything a JSON value may carry.
        value: JSON.stringify({ note: 'line 1\nline 2 "quoted" a=b \\ Жамбыл' }, null, 2),
        headers: { 'event-type': 'RoadCaseOpened', 'correlation-id': 'c=1;x' },
        partition: 1,
      },
      { key: 'case-2', value: '{"n":2}', headers: { 'event-type': 'RoadCaseVerified', empty: '' } },
    ];
    await kcatProduce(brokers, topic, messages);

    const consumer = kafka.consumer({ groupId: `${ns}.group`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    const seen: Array<{ partition: number; key: string; value: string; headers: Record<string, string> }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen.length}/2 messages arrived`)), 30_000);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            seen.push({
              partition,
              key: message.key!.toString(),
              value: message.value!.toString(),
              headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            });
            if (seen.length === 2) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    seen.sort((a, b) => a.key.localeCompare(b.key));
    expect(seen[0]).toEqual({ partition: 1, key: 'case-1', value: messages[0].value, headers: messages[0].headers });
    expect(seen[1]).toMatchObject({ key: 'case-2', value: '{"n":2}', headers: messages[1].headers });
  });
});
