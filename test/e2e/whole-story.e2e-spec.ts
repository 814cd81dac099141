import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Role } from '@app/platform';
import {
  bearer,
  eventually,
  http,
  TEST_PERSONAL_DATA_KEY_ID,
  testPersonalDataSecret,
  uniqueNamespace,
  type ServiceProcess,
} from '@app/testing';
import { FOUR_SERVICES } from '../support/four-services';
import { testKafka } from '../support/kafka-under-test';
import { expectAnswer, withOutputOf } from '../support/service-calls';
import { spawnedServices } from '../support/spawned-services';
import { ALMATY_YEAR as YEAR, tarazRegister } from '../support/taraz-register';
import { validBin } from '../support/valid-bins';

// The whole story (issue 9): budgets, monitoring, road-cases and fines as four processes on one database (a schema
// each) and one Kafka namespace, so they hear each other. Nothing is played by the test: every cross-service fact
// travels over real Kafka between the real services.
describe('the whole story across the four services', () => {
  const ns = uniqueNamespace('e2e-whole-story');
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  const FLOW_TIMEOUT = 300_000;
  const DISTRICT = 'Taraz';
  const akimat = validBin();
  const contractorX = validBin();
  const contractorY = validBin();
  const { services } = spawnedServices('whole_story', FOUR_SERVICES, { kafkaNamespace: ns, ready: WAIT });
  let roadsProgramme: string;
  let revenueLine: string;
  let expiredContract: string;
  let warrantyContract: string;
  // The raid flow hands its offence to the personal-data flow.
  const personalData: { offence?: { raidId: string; offenceId: string } } = {};
  // Flow 1 hands its first report to the correlation flow.
  let firstReport: { id: string; correlationHeader: string | null } | undefined;

  const dateDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    // The register every flow stands on: the akimat of Taraz, its road maintenance programme, its fine revenue line.
    ({ roadsProgramme, revenueLine } = await tarazRegister(
      (path, body) => created(services.budgets, path, body),
      akimat,
    ));
  }, FLOW_TIMEOUT);

  const created = (service: ServiceProcess, path: string, body: unknown, role: Role = 'official') =>
    expectAnswer(service, 'POST', path, role, body);

  /** A request to one service; non-2xx answers are returned, not thrown. */
  const call = (
    service: ServiceProcess,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ) => http(method, `${service.url}${path}`, { headers, body });

  /** A command that must succeed: the status and body are named when it does not. */
  async function ok(
    service: ServiceProcess,
    path: string,
    headers: Record<string, string>,
    body: unknown = {},
    status = 200,
  ) {
    const response = await call(service, 'POST', path, headers, body);
    if (response.status !== status)
      throw new Error(`POST ${path} on ${service.app} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const failWithOutput = withOutputOf(() => Object.values(services));

  const wait = <T>(fn: () => Promise<T>, accept: (value: T) => boolean, what: string) =>
    failWithOutput(eventually(fn, accept, { ...WAIT, what }));

  const programme = async (id: string) => (await call(services.budgets, 'GET', `/programmes/${id}`)).body;
  const report = async (id: string) =>
    (await call(services.monitoring, 'GET', `/reports/${id}`, bearer('moderator'))).body;
  const roadCase = async (id: string) =>
    (await call(services.roadCases, 'GET', `/cases/${id}`, bearer('official'))).body;

  async function signContract(
    contractorBin: string,
    contractorName: string,
    roadName: string,
    signedAt: string,
    warrantyMonths: number,
  ): Promise<string> {
    const body = await created(services.budgets, '/contracts', {
      programmeId: roadsProgramme,
      contractorBin,
      contractorName,
      subject: `Resurfacing of ${roadName}`,
      roadSegment: { roadName, fromKm: 0, toKm: 4 },
      amountTiyn: 150_000_000,
      signedAt,
      warrantyMonths,
    });
    return body.id;
  }

  async function submitRoadDefect(citizen: string, lat: number, lon: number) {
    const response = await call(services.monitoring, 'POST', '/reports', bearer('citizen', citizen), {
      kind: 'road_defect',
      description: 'Deep pothole in the right lane',
      road: {
        location: { lat, lon },
        district: DISTRICT,
        address: 'Tole bi 45',
        defectType: 'pothole',
        photos: ['https://photos.example/pothole.jpg'],
      },
      contact: { phone: '+77011234567' },
    });
    if (response.status !== 201)
      throw new Error(`report answered ${response.status}: ${JSON.stringify(response.body)}`);
    return { id: response.body.id as string, correlationHeader: response.headers.get('x-correlation-id') };
  }

  async function acceptReport(id: string) {
    await ok(services.monitoring, `/reports/${id}/start-review`, bearer('moderator'));
    const accepted = await ok(services.monitoring, `/reports/${id}/accept`, bearer('moderator'), {
      meetingDate: new Date().toISOString().slice(0, 10),
    });
    return accepted;
  }

  /** Road-cases learns contracts from budgets over Kafka: the assignment succeeds once it has. */
  const assign = (caseId: string, contractorBin: string, contractId: string) =>
    wait(
      () =>
        call(services.roadCases, 'POST', `/cases/${caseId}/assign`, bearer('official'), { contractorBin, contractId }),
      (r) => r.status === 200,
      `assignment of case ${caseId} once road-cases knows contract ${contractId}`,
    ).then((r) => r.body);

  it(
    "road defect: two citizens' reports become one case, repaired outside warranty after one rework, paid by the programme",
    async () => {
      expiredContract = await signContract(contractorX, 'Taraz Zhol LLP', 'Tole bi', `${YEAR - 3}-03-01`, 12);

      const first = await submitRoadDefect('citizen-aigerim', 42.9, 71.3667);
      firstReport = first;
      expect((await acceptReport(first.id)).status).toBe('accepted');

      const board = await wait(
        () => call(services.roadCases, 'GET', '/cases?defectType=pothole', bearer('official')),
        (r) => r.status === 200 && r.body.items.some((c: { reportIds: string[] }) => c.reportIds.includes(first.id)),
        'the case for the first report on the case board',
      );
      const opened = board.body.items.find((c: { reportIds: string[] }) => c.reportIds.includes(first.id));
      expect(opened).toMatchObject({ status: 'opened', source: 'report', district: DISTRICT, defectType: 'pothole' });
      const caseId: string = opened.id;
      await wait(
        () => report(first.id),
        (r) => r.caseId === caseId,
        'the case id on the first report',
      );

      // A second citizen, about 20 m north: the same pothole, so the same case.
      const second = await submitRoadDefect('citizen-bolat', 42.9 + 0.00018, 71.3667);
      await acceptReport(second.id);
      const linked = await wait(
        () => roadCase(caseId),
        (c) => c.reportIds?.includes(second.id),
        'the second report linked to the case',
      );
      expect(linked.reportIds).toEqual([first.id, second.id]);
      await wait(
        () => report(second.id),
        (r) => r.caseId === caseId,
        'the case id on the second report',
      );
      const potholeCases = (
        await call(services.roadCases, 'GET', '/cases?defectType=pothole', bearer('official'))
      ).body.items.filter(
        (c: { reportIds: string[] }) => c.reportIds.includes(first.id) || c.reportIds.includes(second.id),
      );
      expect(potholeCases).toHaveLength(1);

      expect(
        (
          await ok(services.roadCases, `/cases/${caseId}/verify`, bearer('inspector'), {
            severity: 'high',
            areaM2: 2.5,
            estimatedCostTiyn: 6_000_000,
          })
        ).status,
      ).toBe('verified');
      expect((await assign(caseId, contractorX, expiredContract)).status).toBe('assigned');
      expect(await roadCase(caseId)).toMatchObject({
        status: 'assigned',
        contractorBin: contractorX,
        contractId: expiredContract,
        underWarranty: false,
      });

      const x = bearer('contractor', 'contractor-x', contractorX);
      expect((await ok(services.roadCases, `/cases/${caseId}/report-repair`, x, { note: 'patched' })).status).toBe(
        'repair_reported',
      );
      expect(
        (
          await ok(services.roadCases, `/cases/${caseId}/reject-repair`, bearer('inspector'), {
            reason: 'Patch is below the surface level',
          })
        ).status,
      ).toBe('assigned');
      expect(
        (await ok(services.roadCases, `/cases/${caseId}/report-repair`, x, { note: 'milled and re-laid' })).status,
      ).toBe('repair_reported');
      expect(
        (
          await ok(services.roadCases, `/cases/${caseId}/accept-repair`, bearer('inspector'), {
            actualCostTiyn: 4_800_000,
          })
        ).status,
      ).toBe('closed');

      for (const id of [first.id, second.id]) {
        const resolved = await wait(
          () => report(id),
          (r) => r.status === 'resolved',
          `report ${id} resolved`,
        );
        expect(resolved).toMatchObject({ outcome: 'fixed', caseId });
      }

      const paid = await wait(
        () => programme(roadsProgramme),
        (p) => p.spentTiyn === 4_800_000,
        'the repair as an expenditure on the programme',
      );
      expect(paid).toMatchObject({ allocationTiyn: 500_000_000, spentTiyn: 4_800_000 });
      const expenditure = (
        await call(services.budgets, 'GET', `/programmes/${roadsProgramme}/history`, bearer('auditor'))
      ).body.events.find((e: { type: string }) => e.type === 'ExpenditureRecorded');
      expect(expenditure.data).toMatchObject({ amountTiyn: 4_800_000, contractId: expiredContract, caseId });

      const quality = await wait(
        async () =>
          (await call(services.roadCases, 'GET', `/contractors/${contractorX}/quality`, bearer('official'))).body,
        (q) => q.repairsAccepted === 1,
        'contractor X quality',
      );
      expect(quality).toMatchObject({
        contractorBin: contractorX,
        casesAssigned: 1,
        underWarranty: 0,
        repairsAccepted: 1,
        reworks: 1,
        reworkRate: 1,
      });
    },
    FLOW_TIMEOUT,
  );

  it(
    "warranty: an inspector's case repaired by the contractor under warranty is booked on the contract, not the programme",
    async () => {
      warrantyContract = await signContract(contractorY, 'Zhambyl Asphalt LLP', 'Abay avenue', dateDaysAgo(365), 24);
      const spentBefore = (await programme(roadsProgramme)).spentTiyn;

      const opened = await ok(
        services.roadCases,
        '/cases',
        bearer('inspector'),
        {
          location: { lat: 42.8912, lon: 71.3921 },
          district: DISTRICT,
          address: 'Abay avenue km 2',
          defectType: 'crack',
          description: 'Long crack across the lane',
        },
        201,
      );
      const caseId: string = opened.id;
      expect(await roadCase(caseId)).toMatchObject({ status: 'opened', source: 'inspector', reportIds: [] });

      await ok(services.roadCases, `/cases/${caseId}/verify`, bearer('inspector'), {
        severity: 'medium',
        areaM2: 6,
        estimatedCostTiyn: 900_000,
      });
      await assign(caseId, contractorY, warrantyContract);
      expect(await roadCase(caseId)).toMatchObject({
        status: 'assigned',
        contractorBin: contractorY,
        underWarranty: true,
      });

      await ok(
        services.roadCases,
        `/cases/${caseId}/report-repair`,
        bearer('contractor', 'contractor-y', contractorY),
        { note: 'sealed' },
      );
      expect(
        (
          await ok(services.roadCases, `/cases/${caseId}/accept-repair`, bearer('inspector'), {
            actualCostTiyn: 750_000,
          })
        ).status,
      ).toBe('closed');

      const contract = await wait(
        async () => (await call(services.budgets, 'GET', `/contracts/${warrantyContract}`)).body,
        (c) => c.warrantyRepairs === 1,
        'the warranty repair on the contract',
      );
      expect(contract).toMatchObject({ warrantyRepairs: 1, warrantyRepairsCostTiyn: 750_000, paidTiyn: 0 });
      expect((await programme(roadsProgramme)).spentTiyn).toBe(spentBefore);
      const quality = (await call(services.roadCases, 'GET', `/contractors/${contractorY}/quality`, bearer('official')))
        .body;
      expect(quality).toMatchObject({ casesAssigned: 1, underWarranty: 1, reworks: 0 });
      // The inspector's case is one thread: every step on it, and the warranty repair it caused in budgets.
      const caseThread = await threadOf(services.roadCases, `/cases/${caseId}/history`);
      expect(await thread(services.roadCases, caseThread)).toEqual(
        expect.arrayContaining(['CaseOpened', 'ContractorAssigned', 'RepairAccepted', 'CaseClosed']),
      );
      expect(await thread(services.budgets, caseThread)).toContain('WarrantyRepairRecorded');
    },
    FLOW_TIMEOUT,
  );

  it(
    "budget doubt: a citizen's budget report flags the programme until an official resolves it, which resolves the report",
    async () => {
      const filed = await call(services.monitoring, 'POST', '/reports', bearer('citizen', 'citizen-dana'), {
        kind: 'budget_execution',
        description: 'Street repair paid twice?',
        budget: {
          institutionBin: akimat,
          programmeCode: '451-015',
          fiscalYear: YEAR,
          doubt: 'The same street appears paid twice',
          amountInQuestionTiyn: 2_000_000,
        },
      });
      expect(filed.status).toBe(201);
      const reportId: string = filed.body.id;
      await acceptReport(reportId);

      const flagged = await wait(
        () => programme(roadsProgramme),
        (p) => p.flagged === true && p.openFlags?.includes(reportId),
        'the programme flagged',
      );
      expect(flagged.openFlags).toEqual([reportId]);
      const flaggedList = (await call(services.budgets, 'GET', `/programmes?flagged=true&year=${YEAR}`)).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(flaggedList).toContain(roadsProgramme);

      const resolved = await ok(services.budgets, `/programmes/${roadsProgramme}/resolve-flag`, bearer('official'), {
        reportId,
        outcome: 'corrected',
        note: 'the second payment was reversed',
      });
      expect(resolved.openFlags).toEqual([]);
      expect((await programme(roadsProgramme)).flagged).toBe(false);

      const done = await wait(
        () => report(reportId),
        (r) => r.status === 'resolved',
        'the budget report resolved',
      );
      expect(done).toMatchObject({ outcome: 'fixed' });
      expect(done.reason).toContain('the second payment was reversed');
      // The budget report's thread runs through the flag and its resolution in budgets and back.
      const reportThread = await threadOf(services.monitoring, `/reports/${reportId}/history`);
      expect(await thread(services.monitoring, reportThread)).toEqual(
        expect.arrayContaining(['ReportSubmitted', 'ReportForwarded', 'ReportResolved']),
      );
      expect(await thread(services.budgets, reportThread)).toEqual(
        expect.arrayContaining(['ProgrammeFlagged', 'ProgrammeFlagResolved']),
      );
    },
    FLOW_TIMEOUT,
  );

  it(
    'raid: a defect becomes a road case, two offences become MCI-priced fines, and a discounted payment is district revenue',
    async () => {
      const raid = await ok(
        services.monitoring,
        '/raids',
        bearer('moderator'),
        { title: 'Heavy trucks on Zhambyl avenue', district: DISTRICT, plannedFor: new Date().toISOString() },
        201,
      );
      const raidId: string = raid.id;
      await ok(services.monitoring, `/raids/${raidId}/conduct`, bearer('moderator'), {
        participants: ['moderator-1', 'inspector-2', 'activist-3'],
      });
      await ok(
        services.monitoring,
        `/raids/${raidId}/defects`,
        bearer('moderator'),
        {
          location: { lat: 42.9312, lon: 71.4105 },
          address: 'Zhambyl avenue 120',
          defectType: 'rutting',
          description: 'Deep ruts at the weigh station',
        },
        201,
      );
      const committedAt = new Date(Date.now() - 3_600_000).toISOString();
      // Both offenders are individuals, caught an hour ago on the raid.
      const offence = (fields: Record<string, unknown>) =>
        ok(
          services.monitoring,
          `/raids/${raidId}/offences`,
          bearer('moderator'),
          { offenderCategory: 'individual', committedAt, ...fields },
          201,
        );
      const individual = await offence({
        offenceType: 'road_surface_damage',
        offenderName: 'Aidos Sadykov',
        offenderIin: '850202400456',
        place: 'Zhambyl avenue 120',
        evidence: ['https://evidence.example/damage.jpg'],
      });
      const driver = await offence({
        offenceType: 'vehicle_overload',
        offenderName: 'Bolat Trucker',
        offenderIin: '790101300123',
        vehiclePlate: '777KZ08',
        place: 'Zhambyl avenue weigh station',
        evidence: ['https://evidence.example/scale.jpg'],
      });

      const cases = await wait(
        async () => (await call(services.roadCases, 'GET', '/cases?defectType=rutting', bearer('official'))).body,
        (b) => b.items?.some((c: { raidId: string | null }) => c.raidId === raidId),
        'the raid defect as a road case',
      );
      expect(cases.items.find((c: { raidId: string | null }) => c.raidId === raidId)).toMatchObject({
        source: 'raid',
        status: 'opened',
        district: DISTRICT,
      });

      const fines = await wait(
        async () => (await call(services.fines, 'GET', `/fines?raidId=${raidId}`, bearer('official'))).body,
        (b) => b.total === 2,
        'two fines for the raid',
      );
      const MCI_TIYN = 432_500; // 4,325 tenge in 2026
      const byOffence = (id: string) => fines.items.find((f: { offenceId: string }) => f.offenceId === id);
      const damage = byOffence(individual.offenceId);
      const overload = byOffence(driver.offenceId);
      expect(damage).toMatchObject({
        status: 'issued',
        offenceType: 'road_surface_damage',
        district: DISTRICT,
        raidId,
      });
      expect(overload).toMatchObject({
        status: 'issued',
        offenceType: 'vehicle_overload',
        district: DISTRICT,
        raidId,
        offenderDataHeldBy: 'monitoring',
        offenderDataSubjectId: driver.offenceId,
      });
      expect(overload).not.toHaveProperty('vehiclePlate');
      // The offender's name, IIN and plate stay in monitoring's personal-data record: in clear for an official only.
      const offenderPath = `/raids/${raidId}/offences/${driver.offenceId}/offender`;
      const asOfficial = (await call(services.monitoring, 'GET', offenderPath, bearer('official'))).body;
      expect(asOfficial).toMatchObject({
        fields: { name: 'Bolat Trucker', iin: '790101300123', plate: '777KZ08' },
        inClear: true,
        erasedAt: null,
      });
      const asAuditor = (await call(services.monitoring, 'GET', offenderPath, bearer('auditor'))).body;
      expect(JSON.stringify(asAuditor)).not.toMatch(/Bolat|790101300123|777KZ08/);
      expect(asAuditor).toMatchObject({ inClear: false, fields: { name: expect.stringContaining('not shown') } });
      personalData.offence = { raidId, offenceId: driver.offenceId };
      if (YEAR === 2026) {
        expect(Number(damage.amountTiyn)).toBe(20 * MCI_TIYN);
        expect(Number(overload.amountTiyn)).toBe(15 * MCI_TIYN);
      }
      expect(Number(damage.amountTiyn)).toBe(20 * Number(damage.mciTiyn));
      expect(Number(overload.amountTiyn)).toBe(15 * Number(overload.mciTiyn));

      const half = Math.ceil(Number(damage.amountTiyn) / 2);
      const payment = await ok(services.fines, `/fines/${damage.id}/payments`, bearer('official'), {
        amountTiyn: half,
      });
      expect(payment).toMatchObject({ status: 'paid', discountApplied: true, balanceTiyn: 0 });

      const line = await wait(
        () => programme(revenueLine),
        (p) => p.revenueTiyn === half,
        'the paid fine as revenue of the district',
      );
      expect(line).toMatchObject({ direction: 'revenue', revenueTiyn: half });
      const taraz = await wait(
        async () =>
          (await call(services.budgets, 'GET', `/map?fiscalYear=${YEAR}`)).body.districts?.find(
            (d: { district: string }) => d.district === DISTRICT,
          ),
        (d) => d?.revenueTiyn === half,
        'the revenue on the budget map of the district',
      );
      expect(taraz).toMatchObject({ revenueTiyn: half, spentTiyn: 4_800_000 });
      // The raid's thread: its findings, the case and the fines they became, the payment and the district's revenue.
      const raidThread = await threadOf(services.monitoring, `/raids/${raidId}/history`);
      expect(await thread(services.monitoring, raidThread)).toEqual(
        expect.arrayContaining(['RaidPlanned', 'RaidConducted', 'DefectFound', 'OffenceRecorded']),
      );
      expect(await thread(services.roadCases, raidThread)).toContain('CaseOpened');
      expect(await thread(services.fines, raidThread)).toEqual(expect.arrayContaining(['FineIssued', 'FinePaid']));
      expect(await thread(services.budgets, raidThread)).toContain('RevenueReceived');
    },
    FLOW_TIMEOUT,
  );

  /** The correlation id a stream started with (its first event's), from a history route. */
  async function threadOf(service: ServiceProcess, historyPath: string, role: Role = 'auditor'): Promise<string> {
    const history = await call(service, 'GET', historyPath, bearer(role));
    expect(history.status).toBe(200);
    return history.body.events[0].metadata.correlationId;
  }

  /** The event types of one service's log that carry a correlation id (GET /audit/events, auditor). */
  async function thread(service: ServiceProcess, correlationId: string): Promise<string[]> {
    const response = await call(
      service,
      'GET',
      `/audit/events?correlationId=${encodeURIComponent(correlationId)}`,
      bearer('auditor'),
    );
    expect(response.status).toBe(200);
    return (response.body.events as { type: string }[]).map((e) => e.type);
  }

  it(
    "correlation: the report's submission id is on every event it caused, in monitoring, road-cases and budgets",
    async () => {
      expect(firstReport).toBeDefined();
      const history: { type: string; metadata: { correlationId: string } }[] = (
        await call(services.monitoring, 'GET', `/reports/${firstReport!.id}/history`, bearer('auditor'))
      ).body.events;
      expect(history[0].type).toBe('ReportSubmitted');
      const submitted = history[0].metadata.correlationId;
      if (firstReport!.correlationHeader) expect(submitted).toBe(firstReport!.correlationHeader);

      // Every step of the report — the club's decision, the case link, the resolution — stays on the citizen's thread.
      expect(new Set(history.map((e) => e.metadata.correlationId))).toEqual(new Set([submitted]));
      expect(await thread(services.monitoring, submitted)).toEqual(
        expect.arrayContaining([
          'ReportSubmitted',
          'ReportAccepted',
          'ReportForwarded',
          'ReportCaseLinked',
          'ReportResolved',
        ]),
      );
      // In road-cases: the case it opened and every official step on it (verify, assign, repairs, close).
      expect(await thread(services.roadCases, submitted)).toEqual(
        expect.arrayContaining([
          'CaseOpened',
          'DefectVerified',
          'ContractorAssigned',
          'RepairReported',
          'RepairRejected',
          'RepairAccepted',
          'CaseClosed',
        ]),
      );
      // In budgets: the repair's cost as an expenditure.
      expect(await thread(services.budgets, submitted)).toContain('ExpenditureRecorded');
    },
    FLOW_TIMEOUT,
  );

  it(
    "personal data: no topic carries a person's IIN, name, plate, phone or citizen id, in clear or unkeyed-hashed; erasure keeps every chain",
    async () => {
      const found = await scanEveryTopic(ns);
      // In clear, and as the plain SHA-256 anyone can compute from a guess (hex or base64).
      const secrets = [
        ...['850202400456', '790101300123'].map((v) => ({ what: `IIN ${v}`, value: v })),
        ...['Aidos Sadykov', 'Bolat Trucker'].map((v) => ({ what: `name ${v}`, value: v })),
        { what: 'plate', value: '777KZ08' },
        { what: 'phone', value: '+77011234567' },
        { what: 'phone digits', value: '77011234567' },
        ...CITIZENS.map((v) => ({ what: `citizen id ${v}`, value: v })),
      ];
      const leaks = secrets.flatMap(({ what, value }) =>
        [value, sha256Hex(value), sha256Base64(value)]
          .filter((form) => found.text.includes(form))
          .map((form) => `${what} as ${form === value ? 'clear text' : 'unkeyed sha256'}`),
      );
      expect({ messages: found.messages, leaks }).toEqual({ messages: expect.any(Number), leaks: [] });
      // The scan did read what the flows published: the IIN's keyed digest, a citizen's pseudonym, the offence.
      expect(found.messages).toBeGreaterThan(50);
      expect(found.text).toContain(keyedHex('iin', '790101300123'));
      expect(found.text).toContain(
        `citizen:${TEST_PERSONAL_DATA_KEY_ID}:${keyedHex('citizen', 'citizen-aigerim').slice(0, 32)}`,
      );
      expect(found.text).toContain(personalData.offence!.offenceId);

      // An official erases the offender's personal data; the record empties, the erasure is an event, chains verify.
      const { raidId, offenceId } = personalData.offence!;
      const erase = () =>
        call(services.monitoring, 'POST', `/ops/personal-data/${offenceId}/erase`, bearer('official'), {
          reason: 'Request of the data subject, letter 12-3/456',
        });
      const erased = await erase();
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({
        subjectId: offenceId,
        purpose: 'raid-offender',
        erasedFields: ['iin', 'name', 'plate'],
      });
      expect((await erase()).status).toBe(409);
      const after = (
        await call(services.monitoring, 'GET', `/raids/${raidId}/offences/${offenceId}/offender`, bearer('official'))
      ).body;
      expect(after).toMatchObject({ fields: {}, erasedAt: erased.body.erasedAt });
      const erasure = (
        await call(services.monitoring, 'GET', `/audit/streams/personal-data-${offenceId}/history`, bearer('auditor'))
      ).body.events;
      expect(erasure).toEqual([
        expect.objectContaining({
          type: 'PersonalDataErased',
          data: expect.objectContaining({ subjectId: offenceId, erasedFields: ['iin', 'name', 'plate'] }),
        }),
      ]);
      expect(JSON.stringify(erasure)).not.toMatch(/Bolat|790101300123|777KZ08/);
      for (const streamId of [raidId, `personal-data-${offenceId}`]) {
        const verified = await call(
          services.monitoring,
          'GET',
          `/audit/verify?streamId=${streamId}`,
          bearer('auditor'),
        );
        expect({
          streamId,
          status: verified.status,
          ok: verified.body.ok,
          events: verified.body.eventsChecked,
        }).toEqual({
          streamId,
          status: 200,
          ok: true,
          events: expect.any(Number),
        });
      }
      // An auditor reading a citizen's report history sees the citizen by pseudonym, an official's role in clear.
      const history = (await call(services.monitoring, 'GET', `/reports/${firstReport!.id}/history`, bearer('auditor')))
        .body.events as { metadata: { actorId: string; actorRole: string }; data: { reporterId?: string } }[];
      expect(JSON.stringify(history)).not.toContain('citizen-aigerim');
      expect(history[0].metadata.actorId).toMatch(/^citizen:test1:[0-9a-f]{32}$/);
      expect(history[0].data.reporterId).toBe(history[0].metadata.actorId);
    },
    FLOW_TIMEOUT,
  );
});

/** The citizens of the flows above, by user id. */
const CITIZENS = ['citizen-aigerim', 'citizen-bolat', 'citizen-dana'];
const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');
const sha256Base64 = (value: string) => createHash('sha256').update(value).digest('base64');
/** HMAC-SHA256 under the tests' personal-data key, computed here from the definition, not by the services' code. */
const keyedHex = (purpose: string, value: string) =>
  createHmac('sha256', Buffer.from(testPersonalDataSecret(), 'base64')).update(`${purpose}:${value}`).digest('hex');

/**
 * Every message of every topic of the run's namespace (events, dead letters, pings, whatever exists), read from the
 * beginning with a plain Kafka client: keys, headers and values as one text to search.
 */
async function scanEveryTopic(namespace: string): Promise<{ messages: number; text: string }> {
  const kafka = testKafka('personal-data-scan');
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  await admin.disconnect();
  const expected = [...ends.values()].reduce((a, b) => a + b, 0);
  const chunks: string[] = [];
  const consumer = kafka.consumer({ groupId: `${namespace}.personal-data-scan-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen++;
      const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
      chunks.push(String(message.key ?? ''), headers.join(' '), String(message.value ?? ''));
    },
  });
  await eventually(
    async () => seen,
    (n) => n >= expected,
    { timeoutMs: 60_000, intervalMs: 200, what: `all ${expected} messages of ${topics.length} topics` },
  );
  await consumer.disconnect();
  return { messages: seen, text: chunks.join('\n') };
}
