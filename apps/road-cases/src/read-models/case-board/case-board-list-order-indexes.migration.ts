import { schemaMigration } from '@app/platform';

/**
 * Two indexes in the order of the staff's case list (GET /cases, `opened_at DESC, case_id`): none of the board's
 * indexes gave that order or led by the status alone, so the unfiltered first page read and sorted the whole board,
 * and `?status=closed` or `rejected` went through the whole (district, status) index (an open status had the open
 * cases' partial index), costs that grew with every case ever opened. Through these a page reads its own rows and
 * stops, and `?status=`'s count reads only the status's entries; the unfiltered count reads the board whatever index.
 * IF NOT EXISTS: a board created after this change has them already (caseBoardProjection's indexes, named as
 * Postgres names them).
 */
export const CaseBoardListOrderIndexes1768000000200 = schemaMigration('CaseBoardListOrderIndexes1768000000200', {
  up: (s) => [
    `CREATE INDEX IF NOT EXISTS case_board_status_opened_at_case_id_idx ON "${s}".case_board (status, opened_at DESC, case_id)`,
    `CREATE INDEX IF NOT EXISTS case_board_opened_at_case_id_idx ON "${s}".case_board (opened_at DESC, case_id)`,
  ],
  down: (s) => [
    `DROP INDEX "${s}".case_board_status_opened_at_case_id_idx`,
    `DROP INDEX "${s}".case_board_opened_at_case_id_idx`,
  ],
});
