import { schemaMigration } from '@app/platform';

/**
 * The case board shows the photos of a case's latest repair report (photo evidence came after the board). IF NOT
 * EXISTS: a fresh database's board is created with the column already, from caseBoardColumns. Cases reported before
 * photos existed have none, so nothing is back-filled.
 */
export const CaseBoardRepairPhotos1767900000100 = schemaMigration('CaseBoardRepairPhotos1767900000100', {
  up: (s) => [`ALTER TABLE "${s}".case_board ADD COLUMN IF NOT EXISTS repair_photos jsonb NOT NULL DEFAULT '[]'`],
  down: (s) => [`ALTER TABLE "${s}".case_board DROP COLUMN repair_photos`],
});
