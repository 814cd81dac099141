import { randomUUID } from 'node:crypto';
import { TOPICS, type ContractSignedV1 } from '@app/contracts';
import { bearer, eventually, http, type ServiceProcess } from '@app/testing';
import { kafkaUnderTest } from '../support/kafka-under-test';
import { withOutputOf } from '../support/service-calls';
import { spawnedService } from '../support/spawned-services';
import { testEnvelope } from '../support/test-envelopes';

// monitoring and road-cases as two processes on one Kafka: a citizen's report goes through the club to a road case,
// and the case's end comes back to the citizen. The test plays budgets only (the contract road-cases repairs under).
describe('monitoring and road-cases together', () => {
  const { ns, produce } = kafkaUnderTest('e2e-monitoring-road-cases', [
    TOPICS.monitoring,
    TOPICS.budgets,
    TOPICS.roadCases,
    TOPICS.pings,
  ]);
  const WAIT = { timeoutMs: 90_000, intervalMs: 300 };
  const CONTRACTOR = '123456789012';
  const contractId = randomUUID();
  const { service: monitoring } = spawnedService('monitoring', 'mon_rc_monitoring', { kafkaNamespace: ns });
  const { service: roadCases } = spawnedService('road-cases', 'mon_rc_road_cases', {
    kafkaNamespace: ns,
    env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' },
  });

  beforeAll(async () => {
    const signed: ContractSignedV1 = {
      contractId,
      programmeId: randomUUID(),
      contractorBin: CONTRACTOR,
      contractorName: 'Taraz Zhol LLP',
      roadSegment: { roadName: 'Tole bi', fromKm: 0, toKm: 5 },
      amountTiyn: 1_500_000_000,
      signedAt: '2019-01-01T00:00:00.000Z',
      warrantyMonths: 12,
      warrantyEndsAt: '2020-01-01T00:00:00.000Z',
    };
    await produce(TOPICS.budgets, testEnvelope('ContractSigned', 'Contract', contractId, signed));
  });

  const on =
    (service: ServiceProcess) => (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      http(method, `${service.url}${path}`, { headers, body });
  const citizen = () => bearer('citizen', 'citizen-together');

  const failWithOutput = withOutputOf(() => [monitoring, roadCases]);

  async function acceptedReport(lat: number): Promise<string> {
    const api = on(monitoring);
    const filed = await api('POST', '/reports', citizen(), {
      kind: 'road_defect',
      description: 'Pothole',
      road: { location: { lat, lon: 71.3667 }, district: 'Taraz', address: 'Tole bi 12', defectType: 'pothole' },
      contact: { phone: '+77011234567' },
    });
    const id = filed.body.id;
    await api('POST', `/reports/${id}/start-review`, bearer('moderator'), {});
    expect(
      (await api('POST', `/reports/${id}/accept`, bearer('moderator'), { meetingDate: '2020-03-19' })).status,
    ).toBe(200);
    return id;
  }

  const mine = async (id: string) =>
    (await on(monitoring)('GET', '/reports/mine', citizen())).body.items.find((r: { id: string }) => r.id === id);

  it('opens a road case for an accepted report, shows its id to the citizen, and resolves the report as fixed when the repair is accepted', async () => {
    const reportId = await acceptedReport(42.9);
    const linked = await failWithOutput(
      eventually(
        () => mine(reportId),
        (r) => Boolean(r?.caseId),
        { ...WAIT, what: 'the case id on the report' },
      ),
    );
    const caseId = linked.caseId;
    const rc = on(roadCases);
    const board = await rc('GET', `/cases/${caseId}`, bearer('official'));
    expect(board.body).toMatchObject({ reportIds: [reportId], source: 'report', status: 'opened' });

    expect(
      (
        await rc('POST', `/cases/${caseId}/verify`, bearer('inspector'), {
          severity: 'high',
          areaM2: 2,
          estimatedCostTiyn: 5_000_000,
        })
      ).status,
    ).toBe(200);
    await failWithOutput(
      eventually(
        () => rc('POST', `/cases/${caseId}/assign`, bearer('official'), { contractorBin: CONTRACTOR, contractId }),
        (r) => r.status === 200,
        {
          ...WAIT,
          what: 'assignment once road-cases knows the contract',
        },
      ),
    );
    expect(
      (
        await rc('POST', `/cases/${caseId}/report-repair`, bearer('contractor', undefined, CONTRACTOR), {
          note: 'patched',
        })
      ).status,
    ).toBe(200);
    expect(
      (await rc('POST', `/cases/${caseId}/accept-repair`, bearer('inspector'), { actualCostTiyn: 4_800_000 })).body
        .status,
    ).toBe('closed');

    const resolved = await failWithOutput(
      eventually(
        () => mine(reportId),
        (r) => r?.status === 'resolved',
        { ...WAIT, what: 'the report resolved' },
      ),
    );
    expect(resolved).toMatchObject({ outcome: 'fixed', caseId });
  });

  it('closes a report without fix when road-cases rejects its case', async () => {
    const reportId = await acceptedReport(43.5);
    const { caseId } = await failWithOutput(
      eventually(
        () => mine(reportId),
        (r) => Boolean(r?.caseId),
        { ...WAIT, what: 'the case id on the report' },
      ),
    );
    expect(
      (
        await on(roadCases)('POST', `/cases/${caseId}/reject`, bearer('inspector'), {
          reason: 'Private yard, not a public road',
        })
      ).status,
    ).toBe(200);
    const resolved = await failWithOutput(
      eventually(
        () => mine(reportId),
        (r) => r?.status === 'resolved',
        { ...WAIT, what: 'the report closed without fix' },
      ),
    );
    expect(resolved).toMatchObject({
      outcome: 'closed_without_fix',
      reason: 'Private yard, not a public road',
      caseId,
    });
  });
});
