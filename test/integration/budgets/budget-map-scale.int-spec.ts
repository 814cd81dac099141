import { randomUUID } from 'node:crypto';
import { EventStore } from '@app/event-store';
import { http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import type { DataSource } from 'typeorm';
import { budgetProjections } from '../../../apps/budgets/src/projections/budget-projections';
import { csvRecords } from '../../support/csv-records';
import { validBin } from '../../support/valid-bins';
import { openServiceDataSource } from '../../support/service-data-sources';
import { BUDGET_MAP_CSV_COLUMNS } from '../../support/budget-map-columns';

const INSTITUTIONS = 2_000;
const YEAR = 2026;

// The map must answer well under a second for 2,000 institutions: it sums the programme register, never folds events.
describe('budget map at the scale of a country', () => {
  const { db, service } = spawnedService('budgets', 'budgets_map_scale', {
    after: async () => {
      await dataSource?.destroy();
    },
  });
  let dataSource: DataSource;
  const expected = { allocatedTiyn: 0, spentTiyn: 0, disclosedBudgetTiyn: 0, disclosed: 0 };
  /** Each institution seeded, by BIN: its number, its two programmes' ids, allocations and spending. */
  const seeded = new Map<string, { i: number; programmes: string[]; allocations: number[]; spent: number[] }>();

  beforeAll(async () => {
    // Events appended the way the service appends them (inline projections in the same transaction), without HTTP round trips.
    dataSource = await openServiceDataSource(db.url, 'budgets', 'budgets-scale-test');
    const store = new EventStore(dataSource, 'budgets', undefined, { inlineProjections: budgetProjections });
    const metadata = {
      now: new Date(),
      actor: { id: 'official-1', role: 'official' },
      correlationId: 'seed',
      requestId: 'seed',
    };
    const seedOne = async (i: number) => {
      const bin = validBin();
      const district = `District ${i % 17}`;
      const allocations = [1_000_000 + i, 250_000 + 3 * i];
      const spent = [i * 100, 0];
      const disclosed = i % 3 === 0;
      await store.appendToStream({
        streamType: 'Institution',
        streamId: bin,
        expectedVersion: 0,
        metadata,
        events: [
          {
            type: 'InstitutionRegistered',
            data: {
              bin,
              name: `Institution ${i}`,
              district,
              kind: 'department',
              registeredAt: metadata.now.toISOString(),
            },
          },
        ],
      });
      const programmes: string[] = [];
      seeded.set(bin, { i, programmes, allocations, spent });
      for (let p = 0; p < 2; p++) {
        const programmeId = randomUUID();
        programmes.push(programmeId);
        await store.appendToStream({
          streamType: 'Programme',
          streamId: programmeId,
          expectedVersion: 0,
          metadata,
          events: [
            {
              type: 'ProgrammePublished',
              data: {
                programmeId,
                institutionBin: bin,
                district,
                fiscalYear: YEAR,
                code: `451-${p}`,
                name: 'Roads',
                purpose: 'road_maintenance',
                direction: 'expenditure',
                allocationTiyn: allocations[p],
                publishedAt: metadata.now.toISOString(),
              },
            },
            ...(spent[p] > 0
              ? [
                  {
                    type: 'ExpenditureRecorded',
                    data: {
                      programmeId,
                      expenditureId: randomUUID(),
                      amountTiyn: spent[p],
                      date: '2026-02-01',
                      description: 'x',
                      contractId: null,
                      caseId: null,
                    },
                  },
                ]
              : []),
          ],
        });
      }
      if (disclosed) {
        await store.appendToStream({
          streamType: 'Institution',
          streamId: bin,
          expectedVersion: 1,
          metadata,
          events: [
            {
              type: 'DisclosureDeclared',
              data: { bin, fiscalYear: YEAR, programmes: 2, declaredAt: metadata.now.toISOString() },
            },
          ],
        });
      }
      expected.allocatedTiyn += allocations[0] + allocations[1];
      expected.spentTiyn += spent[0] + spent[1];
      if (disclosed) {
        expected.disclosed++;
        expected.disclosedBudgetTiyn += allocations[0] + allocations[1];
      }
    };
    for (let i = 0; i < INSTITUTIONS; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => seedOne(i + k)));
  });

  it('answers the map of 2,000 institutions well under a second, with totals equal to what was seeded', async () => {
    await http('GET', `${service.url}/map?fiscalYear=${YEAR}`); // warm the connection pool
    const started = performance.now();
    const map = await http('GET', `${service.url}/map?fiscalYear=${YEAR}`);
    const elapsed = performance.now() - started;
    expect(map.status).toBe(200);
    expect(elapsed).toBeLessThan(500);
    expect(map.body.districts).toHaveLength(17);
    expect(map.body.totals).toMatchObject({
      institutionCount: INSTITUTIONS,
      disclosedInstitutions: expected.disclosed,
      programmes: 2 * INSTITUTIONS,
      allocatedTiyn: expected.allocatedTiyn,
      spentTiyn: expected.spentTiyn,
      disclosedBudgetTiyn: expected.disclosedBudgetTiyn,
    });
    const institutions = map.body.districts.reduce(
      (n: number, d: { institutions: unknown[] }) => n + d.institutions.length,
      0,
    );
    expect(institutions).toBe(INSTITUTIONS);
  });

  it('streams the export of 4,000 programmes page by page: every line once, in register order, as CSV and as JSON', async () => {
    const response = await fetch(`${service.url}/exports/${YEAR}.csv`, { signal: AbortSignal.timeout(30_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="budget-register-${YEAR}.csv"`);
    // Streamed: sent in chunks while the pages are read, so its length is not known when the headers go.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const parts: Buffer[] = [];
    for await (const chunk of response.body!) parts.push(Buffer.from(chunk));
    expect(parts.length).toBeGreaterThan(1);
    const bytes = Buffer.concat(parts);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
    const [header, ...lines] = csvRecords(text);
    expect(header).toEqual(BUDGET_MAP_CSV_COLUMNS);
    expect(lines).toHaveLength(3 * 2 * INSTITUTIONS);

    // Register order (BIN, then code), each programme's three phases together: no page repeated, none skipped.
    const bins = [...seeded.keys()].sort();
    const line = (bin: string, p: number, phase: 'approved' | 'adjusted' | 'executed') => {
      const s = seeded.get(bin)!;
      const amount = phase === 'executed' ? s.spent[p] : s.allocations[p];
      const id = s.programmes[p];
      return [`${YEAR}`, bin, `Institution ${s.i}`, `451-${p}`, 'Roads', id, 'expenditure', phase, `${amount}`, 'KZT'];
    };
    expect(lines[0]).toEqual(line(bins[0], 0, 'approved'));
    expect(lines[1]).toEqual(line(bins[0], 0, 'adjusted'));
    expect(lines[lines.length - 1]).toEqual(line(bins[bins.length - 1], 1, 'executed'));
    const order = bins.flatMap((bin) =>
      [0, 1].flatMap((p) => [`${bin}|451-${p}|approved`, `${bin}|451-${p}|adjusted`, `${bin}|451-${p}|executed`]),
    );
    expect(lines.map((l) => `${l[1]}|${l[3]}|${l[7]}`)).toEqual(order);
    const sum = (phase: string) => lines.filter((l) => l[7] === phase).reduce((n, l) => n + Number(l[8]), 0);
    expect(sum('approved')).toBe(expected.allocatedTiyn);
    expect(sum('executed')).toBe(expected.spentTiyn);

    // The data package carries the very lines, streamed the same way.
    const json = await fetch(`${service.url}/exports/${YEAR}.json`, { signal: AbortSignal.timeout(30_000) });
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('transfer-encoding')).toBe('chunked');
    const dataPackage = (await json.json()) as { resources: Array<{ data: unknown }> };
    expect(dataPackage).toMatchObject({
      profile: 'fiscal-data-package',
      name: `integrity-square-budget-register-${YEAR}`,
    });
    const data = dataPackage.resources[0].data as Array<Record<string, string | number>>;
    expect(data.map((l) => header.map((field) => String(l[field])))).toEqual(lines);
  });
});
