import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fineBoardAsFound } from './fine-board.migration-schema';

/**
 * The fines register loses its copies of personal data: an official's fine's offender (name, IIN, plate) moves to
 * the personal-data record of the fine, and each row points to the record that holds its offender (fines' own, or
 * monitoring's for a raid's offence). A register created after this change never had those columns: nothing to do.
 */
export class FineBoardPersonalData1767300000002 implements MigrationInterface {
  name = 'FineBoardPersonalData1767300000002';

  async up(runner: QueryRunner): Promise<void> {
    const board = await fineBoardAsFound(runner);
    if (!board.has('offender_name')) return;
    const s = board.schema;
    await runner.query(`
      INSERT INTO "${s}".personal_data (subject_id, purpose, fields)
      SELECT fine_id::uuid, 'fine-offender',
             jsonb_strip_nulls(jsonb_build_object('name', offender_name, 'iin', offender_iin, 'plate', vehicle_plate))
        FROM ${board.table} WHERE offence_id IS NULL
      ON CONFLICT (subject_id) DO NOTHING`);
    await runner.query(`
      ALTER TABLE ${board.table}
        DROP COLUMN offender_name, DROP COLUMN offender_iin, DROP COLUMN offender_iin_sha256, DROP COLUMN vehicle_plate,
        ADD COLUMN offender_iin_hmac_sha256 text, ADD COLUMN offender_iin_key_id text,
        ADD COLUMN offender_data_held_by text, ADD COLUMN offender_data_subject_id text`);
    await runner.query(`
      UPDATE ${board.table}
         SET offender_data_held_by = CASE WHEN offence_id IS NULL THEN 'fines' ELSE 'monitoring' END,
             offender_data_subject_id = COALESCE(offence_id, fine_id)`);
    await runner.query(`
      ALTER TABLE ${board.table}
        ALTER COLUMN offender_data_held_by SET NOT NULL, ALTER COLUMN offender_data_subject_id SET NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('FineBoardPersonalData1767300000002 cannot be undone: the personal data left the register');
  }
}
