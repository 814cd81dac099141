import type { InlineProjection } from '@app/event-store';
import { TableColumns } from '../table-columns';

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

/** The table's columns, with the value each takes from a recorded contract. */
const COLUMNS = {
  contract_id: { type: 'text', constraint: 'PRIMARY KEY', of: (d: RecordedContract) => d.contractId },
  contractor_bin: { type: 'text', constraint: 'NOT NULL', of: (d: RecordedContract) => d.contractorBin },
  contractor_name: { type: 'text', constraint: 'NOT NULL', of: (d: RecordedContract) => d.contractorName },
  road_name: { type: 'text', constraint: 'NOT NULL', of: (d: RecordedContract) => d.roadSegment.roadName },
  from_km: { type: 'numeric', constraint: 'NOT NULL', of: (d: RecordedContract) => d.roadSegment.fromKm },
  to_km: { type: 'numeric', constraint: 'NOT NULL', of: (d: RecordedContract) => d.roadSegment.toKm },
  signed_at: { type: 'timestamptz', constraint: 'NOT NULL', of: (d: RecordedContract) => d.signedAt },
  warranty_ends_at: { type: 'timestamptz', constraint: 'NOT NULL', of: (d: RecordedContract) => d.warrantyEndsAt },
};
export const knownContractsColumns = new TableColumns(COLUMNS);

const names = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

/** Contracts road-cases learned from budgets (recorded as its own ContractRecorded events, so this rebuilds too). */
export const knownContractsProjection: InlineProjection = {
  name: 'known-contracts',
  table: 'known_contracts',
  mode: 'inline',
  handles: (event) => event.type === 'ContractRecorded',
  createTable: (table) => `
    CREATE TABLE ${table} (
      ${knownContractsColumns.ddl}
    )`,
  async apply(manager, events, table) {
    const updates = names.filter((n) => n !== 'contract_id').map((n) => `${n} = EXCLUDED.${n}`);
    for (const e of events) {
      const d = e.data as unknown as RecordedContract;
      await manager.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (contract_id) DO UPDATE SET ${updates.join(', ')}`,
        names.map((n) => COLUMNS[n].of(d)),
      );
    }
  },
};
