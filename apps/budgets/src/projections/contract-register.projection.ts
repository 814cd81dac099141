import type { InlineProjection, RecordedEvent } from '@app/event-store';
import type { ContractEvent } from '../domain/contract.events';
import { CONTRACT_STREAM } from './stream-types';

/** The public register of contracts: terms, what was paid, and repairs done under warranty. */
export const contractRegisterProjection: InlineProjection = {
  name: 'contract-register',
  table: 'contracts',
  mode: 'inline',
  handles: (event) => event.streamType === CONTRACT_STREAM,
  createTable: (table) => `
    CREATE TABLE ${table} (
      contract_id text PRIMARY KEY,
      version integer NOT NULL,
      programme_id text NOT NULL,
      institution_bin text NOT NULL,
      fiscal_year integer NOT NULL,
      contractor_bin text NOT NULL,
      contractor_name text NOT NULL,
      subject text NOT NULL,
      road_name text NOT NULL,
      from_km numeric NOT NULL,
      to_km numeric NOT NULL,
      amount_tiyn bigint NOT NULL,
      paid_tiyn bigint NOT NULL DEFAULT 0,
      signed_at date NOT NULL,
      warranty_months integer NOT NULL,
      warranty_ends_at date NOT NULL,
      warranty_repairs integer NOT NULL DEFAULT 0,
      warranty_repairs_cost_tiyn bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX ON ${table} (contractor_bin);
    CREATE INDEX ON ${table} (programme_id)`,
  async apply(manager, events, table) {
    for (const event of events as RecordedEvent<ContractEvent>[]) {
      const e = { type: event.type, data: event.data } as ContractEvent;
      switch (e.type) {
        case 'ContractSigned': {
          const d = e.data;
          await manager.query(
            `INSERT INTO ${table} (contract_id, version, programme_id, institution_bin, fiscal_year, contractor_bin, contractor_name, subject,
                                   road_name, from_km, to_km, amount_tiyn, signed_at, warranty_months, warranty_ends_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
            [
              d.contractId,
              event.streamVersion,
              d.programmeId,
              d.institutionBin,
              d.fiscalYear,
              d.contractorBin,
              d.contractorName,
              d.subject,
              d.roadSegment.roadName,
              d.roadSegment.fromKm,
              d.roadSegment.toKm,
              d.amountTiyn,
              d.signedAt,
              d.warrantyMonths,
              d.warrantyEndsAt,
            ],
          );
          break;
        }
        case 'ContractPaymentRecorded':
          await manager.query(`UPDATE ${table} SET version = $2, paid_tiyn = paid_tiyn + $3 WHERE contract_id = $1`, [
            event.streamId,
            event.streamVersion,
            e.data.amountTiyn,
          ]);
          break;
        case 'WarrantyRepairRecorded':
          await manager.query(
            `UPDATE ${table} SET version = $2, warranty_repairs = warranty_repairs + 1, warranty_repairs_cost_tiyn = warranty_repairs_cost_tiyn + $3 WHERE contract_id = $1`,
            [event.streamId, event.streamVersion, e.data.costTiyn],
          );
          break;
      }
    }
  },
};
