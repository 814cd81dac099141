import { schemaMigration } from '@app/platform';

/**
 * Two partial indexes for the case board's reads that no person asks for. The overdue sweep (every
 * ROAD_CASE_OVERDUE_SWEEP_SECONDS, 60 by default) looks for assigned cases past their due date, and every report or
 * raid defect that opens or joins a case looks for the open cases of its defect type. With the board's indexes led by
 * the district or the defect type, the first went through the whole board on every sweep and the second through
 * every case of the type ever opened, closed ones too: costs that grew with every case. Each index holds only the
 * rows its read wants, so it stays as small as the work waiting. IF NOT EXISTS: a board created after this change has
 * them already (caseBoardProjection's indexes, named as Postgres names them). The WHEREs are the text of
 * CASES_AWAITING_DUE_DATE and OPEN_CASES when this was written (case-board.columns.ts).
 */
export const CaseBoardSweepIndexes1768000000100 = schemaMigration('CaseBoardSweepIndexes1768000000100', {
  up: (s) => [
    `CREATE INDEX IF NOT EXISTS case_board_due_at_idx ON "${s}".case_board (due_at) WHERE status = 'assigned' AND NOT overdue`,
    `CREATE INDEX IF NOT EXISTS case_board_defect_type_idx ON "${s}".case_board (defect_type) WHERE status NOT IN ('closed', 'rejected')`,
  ],
  down: (s) => [`DROP INDEX "${s}".case_board_due_at_idx`, `DROP INDEX "${s}".case_board_defect_type_idx`],
});
