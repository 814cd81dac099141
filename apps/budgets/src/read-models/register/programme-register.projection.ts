import { inlineProjection, updateStreamRow, type RecordedEvent } from '@app/event-store';
import type { ProgrammeEvent } from '../../domain/programme.events';
import { PROGRAMME_STREAM } from '../../projections/stream-types';
import { programmeColumns } from './register.tables';

/**
 * One row per programme with its running sums (approved, current allocation, spent, revenue, open flags), kept in the
 * append transaction, so the map and the export sum rows instead of folding events.
 */
export const programmeRegisterProjection = inlineProjection<RecordedEvent<ProgrammeEvent>>({
  name: 'programme-register',
  table: 'programmes',
  handles: (event) => event.streamType === PROGRAMME_STREAM,
  createTable: (table) =>
    programmeColumns.createTable(table, [
      'fiscal_year, institution_bin',
      'institution_bin, code, fiscal_year',
      'district, fiscal_year, purpose',
    ]),
  async applyEvent(manager, table, event) {
    const e = { type: event.type, data: event.data } as ProgrammeEvent;
    const update = (set: string, value: unknown) => updateStreamRow(manager, table, 'programme_id', event, set, value);
    switch (e.type) {
      case 'ProgrammePublished': {
        const d = e.data;
        await programmeColumns.insert(manager, table, {
          id: d.programmeId,
          version: event.streamVersion,
          institutionBin: d.institutionBin,
          district: d.district,
          fiscalYear: d.fiscalYear,
          code: d.code,
          name: d.name,
          purpose: d.purpose,
          direction: d.direction,
          approvedTiyn: d.allocationTiyn,
          allocationTiyn: d.allocationTiyn,
          publishedAt: d.publishedAt,
        });
        break;
      }
      case 'AllocationAmended':
        await update('allocation_tiyn = $3, amendments = amendments + 1', e.data.newAllocationTiyn);
        break;
      case 'ExpenditureRecorded':
        await update('spent_tiyn = spent_tiyn + $3', e.data.amountTiyn);
        break;
      case 'RevenueReceived':
        await update('revenue_tiyn = revenue_tiyn + $3', e.data.amountTiyn);
        break;
      case 'ProgrammeFlagged':
        await update('open_flags = array_append(open_flags, $3::text)', e.data.reportId);
        break;
      case 'ProgrammeFlagResolved':
        await update('open_flags = array_remove(open_flags, $3::text)', e.data.reportId);
        break;
    }
  },
});
