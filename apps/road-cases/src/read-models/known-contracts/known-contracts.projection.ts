import { inlineProjection, projectionTableDdl, ReadModelColumns } from '@app/event-store';

export const CONTRACT_STREAM = 'Contract';

/** What budgets' ContractSigned tells road-cases, as recorded in its own ContractRecorded events. */
export interface RecordedContract {
  contractId: string;
  contractorBin: string;
  contractorName: string;
  roadSegment: { roadName: string; fromKm: number; toKm: number };
  signedAt: string;
  warrantyEndsAt: string;
}

/** The table's columns. */
export const knownContractsColumns = new ReadModelColumns({
  contract_id: { type: 'text', constraint: 'PRIMARY KEY' },
  contractor_bin: { type: 'text', constraint: 'NOT NULL' },
  contractor_name: { type: 'text', constraint: 'NOT NULL' },
  road_name: { type: 'text', constraint: 'NOT NULL' },
  from_km: { type: 'numeric', constraint: 'NOT NULL' },
  to_km: { type: 'numeric', constraint: 'NOT NULL' },
  signed_at: { type: 'timestamptz', constraint: 'NOT NULL' },
  warranty_ends_at: { type: 'timestamptz', constraint: 'NOT NULL' },
});

/** Contracts road-cases learned from budgets (recorded as its own ContractRecorded events, so this rebuilds too). */
export const knownContractsProjection = inlineProjection({
  name: 'known-contracts',
  table: 'known_contracts',
  handles: (event) => event.type === 'ContractRecorded',
  createTable: (table) => projectionTableDdl(table, [knownContractsColumns.definitions()]),
  async applyEvent(manager, table, e) {
    const { roadSegment, ...d } = e.data as unknown as RecordedContract;
    await knownContractsColumns.upsert(manager, table, {
      contractId: d.contractId,
      contractorBin: d.contractorBin,
      contractorName: d.contractorName,
      roadName: roadSegment.roadName,
      fromKm: roadSegment.fromKm,
      toKm: roadSegment.toKm,
      signedAt: d.signedAt,
      warrantyEndsAt: d.warrantyEndsAt,
    });
  },
});
