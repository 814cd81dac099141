import { streamRowProjection } from '@app/event-store';
import type { RaidEvent } from '../../domain/raid.events';
import { raidBoardColumns } from './raid-board.columns';

export const RAID_STREAM = 'Raid';

/** Column changes each event makes to its raid's row (a finding is appended to the raid's defects or offences). */
function changes(e: RaidEvent): Record<string, unknown> {
  switch (e.type) {
    case 'RaidPlanned': {
      const { title, district, plannedFor, plannedBy } = e.data;
      return { status: 'planned', title, district, planned_for: plannedFor, planned_by: plannedBy };
    }
    case 'RaidConducted':
      return { status: 'conducted', participants: e.data.participants, conducted_at: e.data.conductedAt };
    case 'DefectFound':
      return { found_defect: JSON.stringify(e.data) };
    case 'OffenceRecorded':
      return { recorded_offence: JSON.stringify(e.data) };
    case 'RaidClosed':
      return { status: 'closed', summary: e.data.summary, closed_at: e.data.closedAt };
  }
}

/** One row per raid with its findings (offenders only as the IIN's hash, as the events hold them). */
export const raidBoardProjection = streamRowProjection<RaidEvent>({
  name: 'raid-board',
  table: 'raid_board',
  streamType: RAID_STREAM,
  columns: raidBoardColumns,
  indexes: ['status, planned_for'],
  startedBy: 'RaidPlanned',
  changes,
  relative: {
    found_defect: (p) => `defects = defects || jsonb_build_array(${p}::jsonb)`,
    recorded_offence: (p) => `offences = offences || jsonb_build_array(${p}::jsonb)`,
  },
});
