import { randomUUID } from 'node:crypto';
import { EventStore } from '@app/event-store';
import { createServiceDataSource } from '@app/platform';
import {
  bearer,
  createTestDatabase,
  http,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import type { DataSource } from 'typeorm';

// An auditor's routes on a running service: verify the hash chains, read a stream's history, pull a thread.
describe('audit routes of a service', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let dataSource: DataSource;
  let store: EventStore;
  const streamId = `case-${randomUUID()}`;
  const correlationId = `thread-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase('audit_http');
    service = await startServiceProcess('road-cases', serviceEnv(db.url, 'audit'));
    dataSource = createServiceDataSource({
      databaseUrl: db.url,
      schema: 'road_cases',
      migrations: [],
      applicationName: 'audit-test',
    });
    await dataSource.initialize();
    store = new EventStore(dataSource, 'road_cases');
    const metadata = { now: new Date(), actor: { id: 'insp-1', role: 'inspector' }, correlationId, requestId: 'r-1' };
    await store.appendToStream({
      streamType: 'RoadCase',
      streamId,
      expectedVersion: 0,
      metadata,
      events: Array.from({ length: 5 }, (_, i) => ({ type: 'Noted', data: { n: i + 1 } })),
    });
  });

  afterAll(async () => {
    await service?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('lets an auditor verify the whole log, and refuses other roles', async () => {
    const ok = await http('GET', `${service.url}/audit/verify`, { headers: bearer('auditor') });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      ok: true,
      schema: 'road_cases',
      eventsChecked: 5,
      streamsChecked: 1,
      problems: [],
    });
    expect((await http('GET', `${service.url}/audit/verify`, { headers: bearer('official') })).status).toBe(403);
    expect((await http('GET', `${service.url}/audit/verify`)).status).toBe(401);
  });

  it('pages through a stream history with metadata, and 404s an unknown stream', async () => {
    const first = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=3`, {
      headers: bearer('auditor'),
    });
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(first.body.events[0].metadata).toMatchObject({ actorId: 'insp-1', actorRole: 'inspector', correlationId });
    expect(first.body.events[0]).toHaveProperty('hash');
    expect(first.body.events[0]).toMatchObject({ hashScheme: 2 });
    expect(first.body.nextAfterVersion).toBe(3);
    const second = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=3&afterVersion=3`, {
      headers: bearer('auditor'),
    });
    expect(second.body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual([4, 5]);
    expect(second.body.nextAfterVersion).toBeNull();
    const unknown = await http('GET', `${service.url}/audit/streams/nope/history`, { headers: bearer('auditor') });
    expect(unknown.status).toBe(404);
    const bad = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=5000`, {
      headers: bearer('auditor'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('limit');
  });

  it('pulls every event of a correlation id, and names a missing one', async () => {
    const thread = await http('GET', `${service.url}/audit/events?correlationId=${correlationId}`, {
      headers: bearer('auditor'),
    });
    expect(thread.status).toBe(200);
    expect(thread.body.events).toHaveLength(5);
    expect(thread.body).not.toHaveProperty('nextAfterPosition');

    // A page at a time: each names where the next begins, the last names none.
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await http(
        'GET',
        `${service.url}/audit/events?correlationId=${correlationId}&limit=2${after ? `&afterPosition=${after}` : ''}`,
        {
          headers: bearer('auditor'),
        },
      );
      expect(page.status).toBe(200);
      pages.push(page.body.events.map((e: { eventId: string }) => e.eventId));
      after = page.body.nextAfterPosition;
    } while (after && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(thread.body.events.map((e: { eventId: string }) => e.eventId));
    for (const [query, field] of [
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['afterPosition=-1', 'afterPosition'],
    ]) {
      const refused = await http('GET', `${service.url}/audit/events?correlationId=${correlationId}&${query}`, {
        headers: bearer('auditor'),
      });
      expect({ query, status: refused.status, field: refused.body.field }).toEqual({ query, status: 400, field });
    }
    const missing = await http('GET', `${service.url}/audit/events`, { headers: bearer('auditor') });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('correlationId');
  });

  it('names the altered event after someone edits the log with SQL', async () => {
    await dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE road_cases.events DISABLE TRIGGER events_append_only');
      await m.query(`UPDATE road_cases.events SET payload = '{"n": 99}' WHERE stream_id = $1 AND stream_version = 4`, [
        streamId,
      ]);
      await m.query('ALTER TABLE road_cases.events ENABLE TRIGGER events_append_only');
    });
    const report = await http('GET', `${service.url}/audit/verify?streamId=${streamId}`, {
      headers: bearer('auditor'),
    });
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.problems[0]).toMatchObject({ kind: 'altered', streamId, streamVersion: 4 });
  });
});
