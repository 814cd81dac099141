import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { TOPICS, type IntegrationEnvelope, type OffenceRecordedV1, type RaidPlannedV1 } from '@app/contracts';
import { envelopeMessage, ensureTopics, KafkaMessageBus, physicalTopic } from '@app/messaging';
import {
  bearer, createTestDatabase, eventually, http, serviceEnv,
  type ServiceProcess, startServiceProcess, type TestDatabase, testEnv, uniqueNamespace, topicOwnerSigner } from '@app/testing';
import { fineIdForOffence } from '../../apps/fines/src/application/fines.service';

// fines as its own process on real Postgres and Kafka. The test plays monitoring: it produces OffenceRecorded envelopes
// to the namespaced monitoring.events, and reads what fines publishes on fines.events.
describe('fines from raid offences over Kafka', () => {
  const ns = uniqueNamespace('e2e-fines');
  const kafka = new Kafka({ clientId: 'fines-e2e', brokers: testEnv('kafkaBrokers').split(','), logLevel: logLevel.NOTHING });
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  const IIN = '850202400456';
  const iinSha256 = createHash('sha256').update(IIN).digest('hex');
  const raidId = randomUUID();
  const offenceId = randomUUID();
  const correlationId = `corr-${randomUUID()}`;
  let db: TestDatabase;
  let service: ServiceProcess;
  let bus: KafkaMessageBus;
  let reader: Consumer | undefined;
  const seen: IntegrationEnvelope[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('fines_offences');
    await ensureTopics(kafka, [TOPICS.monitoring, TOPICS.fines, TOPICS.pings].map((t) => physicalTopic(ns, t)));
    bus = new KafkaMessageBus(kafka, ns, topicOwnerSigner());
    service = await startServiceProcess('fines', serviceEnv(db.url, 'fines-offences', { KAFKA_NAMESPACE: ns, FINE_OVERDUE_SWEEP_SECONDS: '0' }));
    reader = kafka.consumer({ groupId: `${ns}.test-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: physicalTopic(ns, TOPICS.fines), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) });
  });

  afterAll(async () => {
    await reader?.disconnect().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await service?.stop();
    await db?.drop();
  });

  function raidPlanned(): IntegrationEnvelope<RaidPlannedV1> {
    const eventId = randomUUID();
    const payload: RaidPlannedV1 = { raidId, title: 'Overloaded trucks on A-2', district: 'Taraz', plannedFor: new Date().toISOString(), plannedBy: 'moderator-1' };
    return {
      eventId, eventType: 'RaidPlanned', schemaVersion: 1, streamType: 'Raid', streamId: raidId, streamVersion: 1,
      occurredAt: new Date().toISOString(), correlationId, causationId: null, actor: { id: 'moderator-1', role: 'moderator' },
      hash: createHash('sha256').update(eventId).digest('hex'), previousHash: '0'.repeat(64), payload,
    };
  }

  function offenceRecorded(eventId = randomUUID()): IntegrationEnvelope<OffenceRecordedV1> {
    const payload: OffenceRecordedV1 = {
      raidId, offenceId, offenceType: 'vehicle_overload', offenderCategory: 'individual', offenderName: 'Bolat Trucker',
      offenderIinSha256: iinSha256, offenderBin: null, vehiclePlate: '777KZ01', place: 'A-2 km 12', committedAt: new Date(Date.now() - 3_600_000).toISOString(),
      evidence: ['https://evidence.example/scale.jpg'],
    };
    return {
      eventId, eventType: 'OffenceRecorded', schemaVersion: 1, streamType: 'Raid', streamId: raidId, streamVersion: 3,
      occurredAt: new Date().toISOString(), correlationId, causationId: null, actor: { id: 'inspector-9', role: 'inspector' },
      hash: createHash('sha256').update(eventId).digest('hex'), previousHash: '0'.repeat(64), payload,
    };
  }

  const failWithOutput = <T>(promise: Promise<T>) =>
    promise.catch((error: Error) => {
      throw new Error(`${error.message}\n--- fines output (tail) ---\n${service.output().slice(-3000)}`);
    });

  const finesOfRaid = async () => (await http('GET', `${service.url}/fines?raidId=${raidId}`, { headers: bearer('official') })).body;

  it("issues exactly one fine, of the raid's district, for an offence delivered twice (same envelope, and a second envelope for it)", async () => {
    const once = offenceRecorded();
    await bus.publish([envelopeMessage(TOPICS.monitoring, raidPlanned()), envelopeMessage(TOPICS.monitoring, once), envelopeMessage(TOPICS.monitoring, once)]);
    await bus.publish([envelopeMessage(TOPICS.monitoring, offenceRecorded())]);
    const fineId = fineIdForOffence(offenceId);

    await failWithOutput(eventually(finesOfRaid, (b) => b.total >= 1, { ...WAIT, what: 'the fine for the offence' }));
    // The second envelope (its own event id) gets past the inbox and must still change nothing.
    await failWithOutput(
      eventually(
        async () => String((await http('GET', `${service.url}/metrics`)).body).match(/messages_consumed_total\{[^}]*event_type="OffenceRecorded"[^}]*\} (\d+)/)?.[1],
        (n) => Number(n) >= 3,
        { ...WAIT, what: 'all three deliveries consumed' },
      ),
    );
    const board = await finesOfRaid();
    expect(board.total).toBe(1);
    expect(board.items[0]).toMatchObject({
      id: fineId, offenceId, status: 'issued', offenceType: 'vehicle_overload', district: 'Taraz', place: 'A-2 km 12', amountTiyn: 15 * 432_500,
      offenderIin: null, offenderIinSha256: iinSha256, vehiclePlate: '777KZ01',
    });
    const history = (await http('GET', `${service.url}/fines/${fineId}/history`, { headers: bearer('auditor') })).body.events;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['FineIssued']);
    expect(history[0].metadata).toMatchObject({ correlationId, causationId: once.eventId, actorId: 'inspector-9', actorRole: 'inspector' });
  });

  it('publishes FineIssued without the offender in clear, and a payment as FinePaid in the shape budgets reads', async () => {
    const fineId = fineIdForOffence(offenceId);
    const paid = await http('POST', `${service.url}/fines/${fineId}/payments`, { headers: bearer('official'), body: { amountTiyn: 1_000_000 } });
    expect(paid.status).toBe(200);

    const ofFine = () => seen.filter((e) => e.streamId === fineId);
    await failWithOutput(eventually(async () => ofFine().map((e) => e.eventType), (types) => types.includes('FinePaid'), { ...WAIT, what: 'FinePaid on fines.events' }));
    const issued = ofFine().find((e) => e.eventType === 'FineIssued')!;
    expect(issued).toMatchObject({ streamType: 'Fine', correlationId, payload: { fineId, offenceId, offenderIinSha256: iinSha256, district: 'Taraz' } });
    expect(issued.payload).not.toHaveProperty('offenderName');
    expect(issued.payload).not.toHaveProperty('offenderIin');
    expect(issued.payload).not.toHaveProperty('vehiclePlate');
    const finePaid = ofFine().find((e) => e.eventType === 'FinePaid')!;
    expect(Object.keys(finePaid.payload).sort()).toEqual(['amountTiyn', 'district', 'fineId', 'paidAt']);
    expect(finePaid.payload).toMatchObject({ fineId, amountTiyn: 1_000_000, district: 'Taraz' });
    expect(finePaid.schemaVersion).toBe(1);
  });
});
