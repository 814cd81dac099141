import { streamRowProjection } from '@app/event-store';
import { linkedPhotoEvidence } from '@app/photo-evidence';
import type { RoadCaseEvent } from '../../domain/road-case.events';
import { CASES_AWAITING_DUE_DATE, caseBoardColumns, OPEN_CASES } from './case-board.columns';

export const ROAD_CASE_STREAM = 'RoadCase';

/** Column changes each event makes to its case's row (a linked report is appended to its report ids). */
function changes(e: RoadCaseEvent, at: string): Record<string, unknown> {
  switch (e.type) {
    case 'CaseOpened':
      return {
        status: 'opened',
        district: e.data.district,
        address: e.data.address,
        defect_type: e.data.defectType,
        lat: e.data.location.lat,
        lon: e.data.location.lon,
        source: e.data.source,
        report_ids: e.data.reportIds,
        raid_id: e.data.raidId,
        opened_at: e.data.openedAt,
      };
    case 'ReportLinkedToCase':
      return { linked_report: e.data.reportId };
    case 'DefectVerified':
      return {
        status: 'verified',
        severity: e.data.severity,
        area_m2: e.data.areaM2,
        estimated_cost_tiyn: e.data.estimatedCostTiyn,
        verified_at: at,
      };
    case 'CaseRejected':
      return { status: 'rejected', closed_at: at };
    case 'ContractorAssigned':
      return {
        status: 'assigned',
        contractor_bin: e.data.contractorBin,
        contract_id: e.data.contractId,
        due_at: e.data.dueAt,
        under_warranty: e.data.underWarranty,
        assigned_at: at,
        overdue: false,
        assignment: e.data.assignment,
      };
    case 'RepairReported':
      return {
        status: 'repair_reported',
        repair_reported_at: at,
        repair_photos: linkedPhotoEvidence(e.data.photoEvidence) ?? [],
      };
    case 'RepairAccepted':
      return { actual_cost_tiyn: e.data.actualCostTiyn, accepted_at: at, accepted_on_time: e.data.onTime };
    case 'RepairRejected':
      return { status: 'assigned', reworks: e.data.reworks };
    case 'CaseClosed':
      return { status: 'closed', closed_at: at };
    case 'CaseReopened':
      return {
        status: 'verified',
        contractor_bin: null,
        contract_id: null,
        due_at: null,
        under_warranty: false,
        overdue: false,
        closed_at: null,
        accepted_at: null,
        accepted_on_time: null,
        actual_cost_tiyn: null,
        repair_photos: [],
      };
    case 'CaseOverdue':
      return { overdue: true, escalated_at: at };
  }
}

/** The officials' case board: one row per case with what its list, filters, stats and contractor quality need. */
export const caseBoardProjection = streamRowProjection<RoadCaseEvent>({
  name: 'case-board',
  table: 'case_board',
  streamType: ROAD_CASE_STREAM,
  columns: caseBoardColumns,
  // The two partial ones serve the reads that run without a person asking (case-board-sweep-indexes.migration.ts);
  // the two in the list's order give the staff's list its pages without a sort
  // (case-board-list-order-indexes.migration.ts).
  indexes: [
    'defect_type, status',
    'status, opened_at DESC, case_id',
    'opened_at DESC, case_id',
    'contractor_bin',
    'district, status',
    ['due_at', CASES_AWAITING_DUE_DATE],
    ['defect_type', OPEN_CASES],
  ],
  startedBy: 'CaseOpened',
  changes,
  relative: { linked_report: (p) => `report_ids = array_append(report_ids, ${p}::text)` },
});
