import { randomUUID } from 'node:crypto';
import { EventStore } from '@app/event-store';
import { createServiceDataSource } from '@app/platform';
import {
  createTestDatabase,
  http,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import type { DataSource } from 'typeorm';
import { budgetProjections } from '../../../apps/budgets/src/projections/budget-projections';
import { validBin } from '../../support/valid-bins';

const INSTITUTIONS = 2_000;
const YEAR = 2026;

// The map must answer well under a second for 2,000 institutions: it sums the programme register, never folds events.
describe('budget map at the scale of a country', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let dataSource: DataSource;
  const expected = { allocatedTiyn: 0, spentTiyn: 0, disclosedBudgetTiyn: 0, disclosed: 0 };

  beforeAll(async () => {
    db = await createTestDatabase('budgets_map_scale');
    service = await startServiceProcess('budgets', serviceEnv(db.url, 'budgets-map-scale'));
    // Events appended the way the service appends them (inline projections in the same transaction), without HTTP round trips.
    dataSource = createServiceDataSource({
      databaseUrl: db.url,
      schema: 'budgets',
      migrations: [],
      applicationName: 'budgets-scale-test',
    });
    await dataSource.initialize();
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
      for (let p = 0; p < 2; p++) {
        const programmeId = randomUUID();
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

  afterAll(async () => {
    await service?.stop();
    await dataSource?.destroy();
    await db?.drop();
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
});
