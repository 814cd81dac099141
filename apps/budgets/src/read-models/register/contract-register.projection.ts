import type { ContractEvent } from '../../domain/contract.events';
import { CONTRACT_STREAM } from '../../projections/stream-types';
import { registerRowProjection } from './register-row-projection';
import { contractColumns } from './register.tables';

/** The public register of contracts: terms, what was paid, and repairs done under warranty. */
export const contractRegisterProjection = registerRowProjection<ContractEvent, 'ContractSigned'>({
  name: 'contract-register',
  table: 'contracts',
  streamType: CONTRACT_STREAM,
  columns: contractColumns,
  indexes: ['contractor_bin', 'programme_id'],
  startedBy: 'ContractSigned',
  row: (d, version) => ({
    id: d.contractId,
    version,
    programmeId: d.programmeId,
    institutionBin: d.institutionBin,
    fiscalYear: d.fiscalYear,
    contractorBin: d.contractorBin,
    contractorName: d.contractorName,
    subject: d.subject,
    roadName: d.roadSegment.roadName,
    fromKm: d.roadSegment.fromKm,
    toKm: d.roadSegment.toKm,
    amountTiyn: d.amountTiyn,
    signedAt: d.signedAt,
    warrantyMonths: d.warrantyMonths,
    warrantyEndsAt: d.warrantyEndsAt,
  }),
  updates: {
    ContractPaymentRecorded: { set: 'paid_tiyn = paid_tiyn + $3', value: (d) => d.amountTiyn },
    WarrantyRepairRecorded: {
      set: 'warranty_repairs = warranty_repairs + 1, warranty_repairs_cost_tiyn = warranty_repairs_cost_tiyn + $3',
      value: (d) => d.costTiyn,
    },
  },
});
