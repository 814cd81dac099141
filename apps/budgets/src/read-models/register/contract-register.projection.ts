import { inlineProjection, updateStreamRow, type RecordedEvent } from '@app/event-store';
import type { ContractEvent } from '../../domain/contract.events';
import { CONTRACT_STREAM } from '../../projections/stream-types';
import { contractColumns } from './register.tables';

/** The public register of contracts: terms, what was paid, and repairs done under warranty. */
export const contractRegisterProjection = inlineProjection<RecordedEvent<ContractEvent>>({
  name: 'contract-register',
  table: 'contracts',
  handles: (event) => event.streamType === CONTRACT_STREAM,
  createTable: (table) => contractColumns.createTable(table, ['contractor_bin', 'programme_id']),
  async applyEvent(manager, table, event) {
    const e = { type: event.type, data: event.data } as ContractEvent;
    switch (e.type) {
      case 'ContractSigned': {
        const d = e.data;
        await contractColumns.insert(manager, table, {
          id: d.contractId,
          version: event.streamVersion,
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
        });
        break;
      }
      case 'ContractPaymentRecorded':
        await updateStreamRow(manager, table, 'contract_id', event, 'paid_tiyn = paid_tiyn + $3', e.data.amountTiyn);
        break;
      case 'WarrantyRepairRecorded':
        await updateStreamRow(
          manager,
          table,
          'contract_id',
          event,
          'warranty_repairs = warranty_repairs + 1, warranty_repairs_cost_tiyn = warranty_repairs_cost_tiyn + $3',
          e.data.costTiyn,
        );
        break;
    }
  },
});
