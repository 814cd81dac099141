import { inlineProjection, updateStreamRow, type RecordedEvent } from '@app/event-store';
import type { ProgrammeEvent } from '../../domain/programme.events';
import { PROGRAMME_STREAM } from '../../projections/stream-types';
import { programmeColumns } from './register.tables';

/** Every event of a programme after the one that publishes it: each updates the programme's row. */
type ProgrammeUpdate = Exclude<ProgrammeEvent, { type: 'ProgrammePublished' }>;

/** The assignment an event makes in its programme's row, and the value of the event's it binds to `$3`. */
interface RowUpdate<E extends ProgrammeUpdate> {
  set: string;
  value: (data: E['data']) => unknown;
}

const rowUpdates: { [T in ProgrammeUpdate['type']]: RowUpdate<Extract<ProgrammeUpdate, { type: T }>> } = {
  AllocationAmended: { set: 'allocation_tiyn = $3, amendments = amendments + 1', value: (d) => d.newAllocationTiyn },
  ExpenditureRecorded: { set: 'spent_tiyn = spent_tiyn + $3', value: (d) => d.amountTiyn },
  RevenueReceived: { set: 'revenue_tiyn = revenue_tiyn + $3', value: (d) => d.amountTiyn },
  ProgrammeFlagged: { set: 'open_flags = array_append(open_flags, $3::text)', value: (d) => d.reportId },
  ProgrammeFlagResolved: { set: 'open_flags = array_remove(open_flags, $3::text)', value: (d) => d.reportId },
};

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
    if (e.type === 'ProgrammePublished') {
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
      return;
    }
    // An event of a type the table does not name changes nothing.
    const update = rowUpdates[e.type] as RowUpdate<ProgrammeUpdate> | undefined;
    if (update) await updateStreamRow(manager, table, 'programme_id', event, update.set, update.value(e.data));
  },
});
