import type { DataSource } from 'typeorm';
import { EventStore } from '@app/event-store';

export interface KnownContract {
  contractId: string;
  contractorBin: string;
  warrantyEndsAt: string;
}

/**
 * Contracts of Zhol LLP on the A-2 from km 10 to 20, recorded in road-cases' own log as its budgets consumer records
 * them (ContractRecorded, with the known-contracts projection inline), so that a spec can assign cases to them
 * without budgets running.
 */
export async function recordKnownContracts(
  dataSource: DataSource,
  correlationId: string,
  contracts: KnownContract[],
): Promise<void> {
  const { knownContractsProjection } =
    await import('../../apps/road-cases/src/read-models/known-contracts/known-contracts.projection');
  const store = new EventStore(dataSource, 'road_cases', undefined, {
    inlineProjections: [knownContractsProjection],
  });
  const metadata = { now: new Date(), actor: { id: 'budgets', role: 'official' }, correlationId, requestId: 'r' };
  for (const { contractId, contractorBin, warrantyEndsAt } of contracts) {
    await store.appendToStream({
      streamType: 'Contract',
      streamId: `contract-${contractId}`,
      expectedVersion: 0,
      metadata,
      events: [
        {
          type: 'ContractRecorded',
          data: {
            contractId,
            programmeId: 'p-1',
            contractorBin,
            contractorName: 'Zhol LLP',
            roadSegment: { roadName: 'A-2', fromKm: 10, toKm: 20 },
            amountTiyn: 100_000_00,
            signedAt: '2000-01-01T00:00:00.000Z',
            warrantyMonths: 24,
            warrantyEndsAt,
          },
        },
      ],
    });
  }
}
