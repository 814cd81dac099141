import { createHmac, randomUUID } from 'node:crypto';
import { TOPICS, type IntegrationEnvelope, type OffenceRecordedV2, type RaidPlannedV1 } from '@app/contracts';
import { bearer, eventually, http, TestChain, TEST_PERSONAL_DATA_KEY_ID, testPersonalDataSecret } from '@app/testing';
import { fineIdForOffence } from '../../apps/fines/src/application/issue-fine';
import { kafkaUnderTest } from '../support/kafka-under-test';
import { withOutputOf } from '../support/service-calls';
import { spawnedService } from '../support/spawned-services';

// fines as its own process on real Postgres and Kafka. The test plays monitoring: it produces OffenceRecorded envelopes
// to the namespaced monitoring.events, and reads what fines publishes on fines.events.
describe('fines from raid offences over Kafka', () => {
  const { ns, produce, collecting } = kafkaUnderTest('e2e-fines', [TOPICS.monitoring, TOPICS.fines, TOPICS.pings]);
  const { service } = spawnedService('fines', 'fines_offences', {
    kafkaNamespace: ns,
    env: { FINE_OVERDUE_SWEEP_SECONDS: '0' },
  });
  const seen = collecting(TOPICS.fines);
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  const IIN = '850202400456';
  // The IIN's digest as the contract states it, computed here from the test key: HMAC-SHA256 of "iin:<IIN>".
  const iinHmac = createHmac('sha256', Buffer.from(testPersonalDataSecret(), 'base64'))
    .update(`iin:${IIN}`)
    .digest('hex');
  const raidId = randomUUID();
  const offenceId = randomUUID();
  const correlationId = `corr-${randomUUID()}`;
  // The raid's stream as monitoring publishes it: every version chained to the one before.
  let raid: TestChain;
  function raidPlanned(): IntegrationEnvelope<RaidPlannedV1> {
    raid = new TestChain('Raid', raidId, { correlationId });
    const payload: RaidPlannedV1 = {
      raidId,
      title: 'Overloaded trucks on A-2',
      district: 'Taraz',
      plannedFor: new Date().toISOString(),
      plannedBy: 'moderator-1',
    };
    return raid.next('RaidPlanned', payload, { actor: { id: 'moderator-1', role: 'moderator' } });
  }

  function offenceRecorded(): IntegrationEnvelope<OffenceRecordedV2> {
    const payload: OffenceRecordedV2 = {
      raidId,
      offenceId,
      offenceType: 'vehicle_overload',
      offenderCategory: 'individual',
      offenderIinHmacSha256: iinHmac,
      offenderIinKeyId: TEST_PERSONAL_DATA_KEY_ID,
      offenderBin: null,
      place: 'A-2 km 12',
      committedAt: new Date(Date.now() - 3_600_000).toISOString(),
      evidence: ['https://evidence.example/scale.jpg'],
    };
    return raid.next('OffenceRecorded', payload, { actor: { id: 'inspector-9', role: 'inspector' }, schemaVersion: 2 });
  }

  const failWithOutput = withOutputOf(() => [service]);

  const finesOfRaid = async () =>
    (await http('GET', `${service.url}/fines?raidId=${raidId}`, { headers: bearer('official') })).body;

  it("issues exactly one fine, of the raid's district, for an offence delivered twice (same envelope, and a second envelope for it)", async () => {
    const planned = raidPlanned();
    const conducted = raid.skip('RaidConducted'); // a raid event fines does not handle: the chain moves on past it
    const once = offenceRecorded();
    await produce(TOPICS.monitoring, planned, ...conducted, once, once);
    await produce(TOPICS.monitoring, offenceRecorded());
    const fineId = fineIdForOffence(offenceId);

    await failWithOutput(eventually(finesOfRaid, (b) => b.total >= 1, { ...WAIT, what: 'the fine for the offence' }));
    // The same envelope again is ignored by the chain check; the second envelope (its own event id, the next version)
    // gets past it and past the inbox, and must still change nothing.
    const metrics = async () => String((await http('GET', `${service.url}/metrics`)).body);
    await failWithOutput(
      eventually(
        async () =>
          (await metrics()).match(/messages_consumed_total\{[^}]*event_type="OffenceRecorded"[^}]*\} (\d+)/)?.[1],
        (n) => Number(n) >= 2,
        { ...WAIT, what: 'both envelopes consumed' },
      ),
    );
    expect(Number((await metrics()).match(/messages_stale_ignored_total\{[^}]*\} (\d+)/)?.[1])).toBeGreaterThanOrEqual(
      1,
    );
    const board = await finesOfRaid();
    expect(board.total).toBe(1);
    expect(board.items[0]).toMatchObject({
      id: fineId,
      offenceId,
      status: 'issued',
      offenceType: 'vehicle_overload',
      district: 'Taraz',
      place: 'A-2 km 12',
      amountTiyn: 15 * 432_500,
      offenderIinHmacSha256: iinHmac,
      offenderIinKeyId: TEST_PERSONAL_DATA_KEY_ID,
      offenderDataHeldBy: 'monitoring',
      offenderDataSubjectId: offenceId,
    });
    const one = (await http('GET', `${service.url}/fines/${fineId}`, { headers: bearer('official') })).body;
    expect(one.offender).toEqual({
      heldBy: 'monitoring',
      subjectId: offenceId,
      read: `/raids/${raidId}/offences/${offenceId}/offender`,
    });
    const history = (await http('GET', `${service.url}/fines/${fineId}/history`, { headers: bearer('auditor') })).body
      .events;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['FineIssued']);
    expect(history[0].metadata).toMatchObject({
      correlationId,
      causationId: once.eventId,
      actorId: 'inspector-9',
      actorRole: 'inspector',
    });
  });

  it('publishes FineIssued without the offender in clear, and a payment as FinePaid in the shape budgets reads', async () => {
    const fineId = fineIdForOffence(offenceId);
    const paid = await http('POST', `${service.url}/fines/${fineId}/payments`, {
      headers: bearer('official'),
      body: { amountTiyn: 1_000_000 },
    });
    expect(paid.status).toBe(200);

    const ofFine = () => seen.filter((e) => e.streamId === fineId);
    await failWithOutput(
      eventually(
        async () => ofFine().map((e) => e.eventType),
        (types) => types.includes('FinePaid'),
        { ...WAIT, what: 'FinePaid on fines.events' },
      ),
    );
    const issued = ofFine().find((e) => e.eventType === 'FineIssued')!;
    expect(issued).toMatchObject({
      streamType: 'Fine',
      correlationId,
      payload: {
        fineId,
        offenceId,
        offenderIinHmacSha256: iinHmac,
        offenderIinKeyId: TEST_PERSONAL_DATA_KEY_ID,
        district: 'Taraz',
      },
    });
    expect(issued.schemaVersion).toBe(2);
    expect(JSON.stringify(issued)).not.toContain(IIN);
    expect(issued.payload).not.toHaveProperty('offenderName');
    expect(issued.payload).not.toHaveProperty('offenderIin');
    expect(issued.payload).not.toHaveProperty('vehiclePlate');
    const finePaid = ofFine().find((e) => e.eventType === 'FinePaid')!;
    expect(Object.keys(finePaid.payload).sort()).toEqual(['amountTiyn', 'district', 'fineId', 'paidAt']);
    expect(finePaid.payload).toMatchObject({ fineId, amountTiyn: 1_000_000, district: 'Taraz' });
    expect(finePaid.schemaVersion).toBe(1);
  });
});
