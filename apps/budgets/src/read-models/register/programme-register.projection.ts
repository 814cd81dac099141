import type { ProgrammeEvent } from '../../domain/programme.events';
import { PROGRAMME_STREAM } from '../../projections/stream-types';
import { registerRowProjection } from './register-row-projection';
import { programmeColumns } from './register.tables';

/**
 * One row per programme with its running sums (approved, current allocation, spent, revenue, open flags), kept in the
 * append transaction, so the map and the export sum rows instead of folding events.
 */
export const programmeRegisterProjection = registerRowProjection<ProgrammeEvent, 'ProgrammePublished'>({
  name: 'programme-register',
  table: 'programmes',
  streamType: PROGRAMME_STREAM,
  columns: programmeColumns,
  indexes: ['fiscal_year, institution_bin', 'institution_bin, code, fiscal_year', 'district, fiscal_year, purpose'],
  startedBy: 'ProgrammePublished',
  row: (d, version) => ({
    id: d.programmeId,
    version,
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
  }),
  updates: {
    AllocationAmended: { set: 'allocation_tiyn = $3, amendments = amendments + 1', value: (d) => d.newAllocationTiyn },
    ExpenditureRecorded: { set: 'spent_tiyn = spent_tiyn + $3', value: (d) => d.amountTiyn },
    RevenueReceived: { set: 'revenue_tiyn = revenue_tiyn + $3', value: (d) => d.amountTiyn },
    ProgrammeFlagged: { set: 'open_flags = array_append(open_flags, $3::text)', value: (d) => d.reportId },
    ProgrammeFlagResolved: { set: 'open_flags = array_remove(open_flags, $3::text)', value: (d) => d.reportId },
  },
});
