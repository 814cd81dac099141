import type { InlineProjection } from '@app/event-store';

export const CONTRACT_STREAM = 'Contract';

/** Contracts road-cases learned from budgets (recorded as its own ContractRecorded events, so this rebuilds too). */
export const knownContractsProjection: InlineProjection = {
  name: 'known-contracts',
  table: 'known_contracts',
  mode: 'inline',
  handles: (event) => event.type === 'ContractRecorded',
  createTable: (table) => `
    CREATE TABLE ${table} (
      contract_id text PRIMARY KEY,
      contractor_bin text NOT NULL,
      contractor_name text NOT NULL,
      road_name text NOT NULL,
      from_km numeric NOT NULL,
      to_km numeric NOT NULL,
      signed_at timestamptz NOT NULL,
      warranty_ends_at timestamptz NOT NULL
    )`,
  async apply(manager, events, table) {
    for (const e of events) {
      const d = e.data as {
        contractId: string;
        contractorBin: string;
        contractorName: string;
        roadSegment: { roadName: string; fromKm: number; toKm: number };
        signedAt: string;
        warrantyEndsAt: string;
      };
      await manager.query(
        `INSERT INTO ${table} (contract_id, contractor_bin, contractor_name, road_name, from_km, to_km, signed_at, warranty_ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (contract_id) DO UPDATE SET contractor_bin = EXCLUDED.contractor_bin, contractor_name = EXCLUDED.contractor_name,
           road_name = EXCLUDED.road_name, from_km = EXCLUDED.from_km, to_km = EXCLUDED.to_km, signed_at = EXCLUDED.signed_at,
           warranty_ends_at = EXCLUDED.warranty_ends_at`,
        [
          d.contractId,
          d.contractorBin,
          d.contractorName,
          d.roadSegment.roadName,
          d.roadSegment.fromKm,
          d.roadSegment.toKm,
          d.signedAt,
          d.warrantyEndsAt,
        ],
      );
    }
  },
};
