import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Role } from '@app/platform';
import {
  bearer,
  createTestDatabase,
  http,
  serviceEnv,
  startServiceProcess,
  type HttpResult,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { validBin } from '../support/valid-bins';

type Caller = { role?: Role; sub?: string };

/**
 * A command that changes something each time it runs (a new payment, expenditure, offence or report id), sent
 * with an Idempotency-Key: what the key must make of retries, of concurrent twins and of another body.
 */
interface Command {
  name: string;
  service: 'fines' | 'budgets' | 'monitoring';
  caller: Caller;
  /** Creates what the command acts on; returns its path. */
  prepare(): Promise<string>;
  body: Record<string, unknown>;
  otherBody: Record<string, unknown>;
  status: number;
}

// Idempotency-Key on the shared runtime's every POST: real processes on real Postgres and Kafka.
describe('Idempotency-Key on POST', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  const services: Partial<Record<Command['service'], ServiceProcess>> = {};

  const call = (
    service: Command['service'],
    path: string,
    caller: Caller,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> =>
    http('POST', `${services[service]!.url}${path}`, {
      body,
      headers: { ...(caller.role ? bearer(caller.role, caller.sub) : {}), ...headers },
    });

  /** Every event the service's schema holds: a command appends at least one, a replay none. */
  const eventCount = async (service: Command['service']) =>
    (await admin.query(`SELECT count(*)::int AS n FROM ${service}.events`)).rows[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase('idempotency');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const [fines, budgets, monitoring] = await Promise.all([
      startServiceProcess('fines', serviceEnv(db.url, 'idem-fines', { FINE_OVERDUE_SWEEP_SECONDS: '0' })),
      startServiceProcess('budgets', serviceEnv(db.url, 'idem-budgets')),
      startServiceProcess(
        'monitoring',
        serviceEnv(db.url, 'idem-monitoring', { REPORT_RATE_LIMIT_BURST: '50', REPORT_RATE_LIMIT_PER_MINUTE: '50' }),
      ),
    ]);
    Object.assign(services, { fines, budgets, monitoring });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await admin?.end();
    await db?.drop();
  });

  const official: Caller = { role: 'official' };
  const commands: Command[] = [
    {
      name: 'a fine payment',
      service: 'fines',
      caller: official,
      async prepare() {
        const issued = await call('fines', '/fines', official, {
          offenceType: 'road_surface_damage',
          offender: { category: 'individual', name: 'Aibek Driver', iin: '900101300123' },
          committedAt: '2026-01-10T09:00:00+05:00',
          place: 'Tole bi st. 12, Taraz',
          district: 'Taraz',
          evidence: ['https://evidence.example/1.jpg'],
        });
        expect(issued.status).toBe(201);
        return `/fines/${issued.body.id}/payments`;
      },
      // No paymentId: the service draws one per request, so only the key keeps a retry from paying twice.
      body: { amountTiyn: 100_000 },
      otherBody: { amountTiyn: 200_000 },
      status: 200,
    },
    {
      name: 'a budget expenditure',
      service: 'budgets',
      caller: official,
      async prepare() {
        const bin = validBin();
        const registered = await call('budgets', '/institutions', official, {
          bin,
          name: `Institution ${bin}`,
          district: 'Taraz',
          kind: 'department',
        });
        expect(registered.status).toBe(201);
        const published = await call('budgets', '/programmes', official, {
          institutionBin: bin,
          fiscalYear: 2026,
          code: `451-${Math.floor(Math.random() * 1e6)}`,
          name: 'Street repair',
          purpose: 'road_maintenance',
          allocationTiyn: 100_000_000,
        });
        expect(published.status).toBe(201);
        return `/programmes/${published.body.id}/expenditures`;
      },
      body: { amountTiyn: 5_000, date: '2026-02-01', description: 'Asphalt for Tole bi' },
      otherBody: { amountTiyn: 5_001, date: '2026-02-01', description: 'Asphalt for Tole bi' },
      status: 201,
    },
    {
      name: 'a recorded offence',
      service: 'monitoring',
      caller: { role: 'inspector' },
      async prepare() {
        const planned = await call(
          'monitoring',
          '/raids',
          { role: 'moderator' },
          {
            title: 'Heavy trucks on A-2',
            district: 'Taraz',
            plannedFor: '2020-03-12T04:00:00Z',
          },
        );
        expect(planned.status).toBe(201);
        const raid = planned.body.id;
        const conducted = await call(
          'monitoring',
          `/raids/${raid}/conduct`,
          { role: 'moderator' },
          {
            participants: ['moderator-1'],
          },
        );
        expect(conducted.status).toBe(200);
        return `/raids/${raid}/offences`;
      },
      body: {
        offenceType: 'truck_overload',
        offenderCategory: 'individual',
        offenderName: 'A. Driver',
        offenderIin: '900101300123',
        place: 'A-2 km 12',
        committedAt: '2020-03-12T05:30:00Z',
        evidence: ['https://evidence.example/weigh.jpg'],
      },
      otherBody: {
        offenceType: 'truck_overload',
        offenderCategory: 'individual',
        offenderName: 'B. Driver',
        offenderIin: '900101300123',
        place: 'A-2 km 12',
        committedAt: '2020-03-12T05:30:00Z',
        evidence: ['https://evidence.example/weigh.jpg'],
      },
      status: 201,
    },
    {
      name: "a citizen's report",
      service: 'monitoring',
      caller: { role: 'citizen', sub: 'citizen-idem' },
      prepare: async () => '/reports',
      body: {
        kind: 'road_defect',
        description: 'Deep pothole by the school',
        contact: { name: 'Aigerim', phone: '+77011234567' },
        road: {
          location: { lat: 42.9, lon: 71.3667 },
          district: 'Taraz',
          address: 'Tole bi 12',
          defectType: 'pothole',
        },
      },
      otherBody: {
        kind: 'road_defect',
        description: 'Another pothole',
        road: {
          location: { lat: 42.9, lon: 71.3667 },
          district: 'Taraz',
          address: 'Tole bi 14',
          defectType: 'pothole',
        },
      },
      status: 201,
    },
  ];

  describe.each(commands)('$name', (command) => {
    const send = (path: string, key: string, body = command.body) =>
      call(command.service, path, command.caller, body, { 'idempotency-key': key });

    it('runs once: a retry with the same key and body gets the same status, body and ETag, and appends nothing', async () => {
      const path = await command.prepare();
      const key = randomUUID();
      const before = await eventCount(command.service);
      const first = await send(path, key);
      expect(first.status).toBe(command.status);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const appended = (await eventCount(command.service)) - before;
      expect(appended).toBeGreaterThanOrEqual(1);

      // The same fields in another order are the same request.
      const reordered = Object.fromEntries(Object.entries(command.body).reverse());
      for (const body of [command.body, reordered]) {
        const retry = await send(path, key, body);
        expect(retry.status).toBe(first.status);
        expect(retry.body).toEqual(first.body);
        expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
      }
      expect((await eventCount(command.service)) - before).toBe(appended);

      // Without a key, the same body is a new command: the key was what made the retries safe.
      const again = await call(command.service, path, command.caller, command.body);
      expect(again.status).toBe(command.status);
      expect(again.body.events[0].eventId).not.toBe(first.body.events[0].eventId);
    });

    it('answers 422 naming the key when it comes back with another body, and appends nothing', async () => {
      const path = await command.prepare();
      const key = randomUUID();
      expect((await send(path, key)).status).toBe(command.status);
      const before = await eventCount(command.service);
      const other = await send(path, key, command.otherBody);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ error: 'idempotency_key_reused', field: 'Idempotency-Key' });
      expect(await eventCount(command.service)).toBe(before);
    });

    it('runs two concurrent requests with one key once, and both get that answer', async () => {
      const path = await command.prepare();
      const key = randomUUID();
      const before = await eventCount(command.service);
      const alone = await send(path, randomUUID());
      const single = (await eventCount(command.service)) - before;

      const twins = await Promise.all([send(path, key), send(path, key)]);
      expect(twins.map((t) => t.status)).toEqual([command.status, command.status]);
      expect(twins[0].body).toEqual(twins[1].body);
      expect(twins.map((t) => t.headers.get('idempotent-replayed')).sort()).toEqual(['true', null].sort());
      expect((await eventCount(command.service)) - before).toBe(2 * single);
      expect(alone.body.id).toBeDefined();
    });

    it('forgets a key after 24 hours: the same request then runs again', async () => {
      const path = await command.prepare();
      const key = randomUUID();
      const first = await send(path, key);
      expect(first.status).toBe(command.status);
      const owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      try {
        const aged = await owner.query(
          `UPDATE ${command.service}.idempotency_keys SET created_at = now() - interval '24 hours 1 minute' WHERE key = $1`,
          [key],
        );
        expect(aged.rowCount).toBe(1);
      } finally {
        await owner.end();
      }
      const before = await eventCount(command.service);
      const later = await send(path, key);
      expect(later.status).toBe(command.status);
      expect(later.headers.get('idempotent-replayed')).toBeNull();
      expect(later.body.events[0].eventId).not.toBe(first.body.events[0].eventId);
      expect(await eventCount(command.service)).toBeGreaterThan(before);
    });
  });

  it('keeps a refusal: the same invalid request with its key gets the same 400 again, replayed', async () => {
    const path = await commands[0].prepare();
    const key = randomUUID();
    const refused = await call('fines', path, official, { amountTiyn: 999_999_999 }, { 'idempotency-key': key });
    expect(refused.status).toBe(400);
    const again = await call('fines', path, official, { amountTiyn: 999_999_999 }, { 'idempotency-key': key });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(refused.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 400 naming Idempotency-Key for a key longer than 255 characters or with a non-printable one, and runs nothing', async () => {
    const before = await eventCount('monitoring');
    for (const key of ['x'.repeat(256), 'tab\there']) {
      const refused = await call('monitoring', '/reports', {}, commands[3].otherBody, { 'idempotency-key': key });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'validation_failed', field: 'Idempotency-Key' });
    }
    expect(await eventCount('monitoring')).toBe(before);
  });

  it('scopes keys by caller: an anonymous report and a citizen with the same key never share an answer', async () => {
    const key = randomUUID();
    const body = commands[3].otherBody;
    const anonymous = await call('monitoring', '/reports', {}, body, { 'idempotency-key': key });
    expect(anonymous.status).toBe(201);
    const anonymousRetry = await call('monitoring', '/reports', {}, body, { 'idempotency-key': key });
    expect(anonymousRetry.body).toEqual(anonymous.body);
    expect(anonymousRetry.headers.get('idempotent-replayed')).toBe('true');
    // Anonymous callers share one key space: another body under a key already used is refused, not answered.
    const stranger = await call('monitoring', '/reports', {}, commands[3].body, { 'idempotency-key': key });
    expect(stranger.status).toBe(422);
    expect(JSON.stringify(stranger.body)).not.toContain(anonymous.body.id);
    const citizen = await call('monitoring', '/reports', { role: 'citizen', sub: 'citizen-other' }, body, {
      'idempotency-key': key,
    });
    expect(citizen.status).toBe(201);
    expect(citizen.headers.get('idempotent-replayed')).toBeNull();
    expect(citizen.body.id).not.toBe(anonymous.body.id);
  });

  it('stores a hash of the request, never the request: no contact or IIN in the table', async () => {
    const rows = await admin.query(
      `SELECT request_hash, headers::text || coalesce(body, '') AS stored FROM monitoring.idempotency_keys`,
    );
    expect(rows.rowCount).toBeGreaterThan(0);
    for (const row of rows.rows) {
      expect(row.request_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.stored).not.toContain('+77011234567');
      expect(row.stored).not.toContain('900101300123');
    }
  });
});
