import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fines register loses its copies of personal data: an official's fine's offender (name, IIN, plate) moves to
 * the personal-data record of the fine, and each row points to the record that holds its offender (fines' own, or
 * monitoring's for a raid's offence). A register created after this change never had those columns: nothing to do.
 */
export class FineBoardPersonalData1767300000002 implements MigrationInterface {
  name = 'FineBoardPersonalData1767300000002';

  async up(runner: QueryRunner): Promise<void> {
    const s = (runner.connection.options as { schema: string }).schema;
    const columns: { column_name: string }[] = await runner.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'fine_board'`,
      [s],
    );
    if (!columns.some((c) => c.column_name === 'offender_name')) return;
    await runner.query(`
      INSERT INTO "${s}".personal_data (subject_id, purpose, fields)
      SELECT fine_id::uuid, 'fine-offender',
             jsonb_strip_nulls(jsonb_build_object('name', offender_name, 'iin', offender_iin, 'plate', vehicle_plate))
        FROM "${s}".fine_board WHERE offence_id IS NULL
      ON CONFLICT (subject_id) DO NOTHING`);
    await runner.query(`
      ALTER TABLE "${s}".fine_board
        DROP COLUMN offender_name, DROP COLUMN offender_iin, DROP COLUMN offender_iin_sha256, DROP COLUMN vehicle_plate,
        ADD COLUMN offender_iin_hmac_sha256 text, ADD COLUMN offender_iin_key_id text,
        ADD COLUMN offender_data_held_by text, ADD COLUMN offender_data_subject_id text`);
    await runner.query(`
      UPDATE "${s}".fine_board
         SET offender_data_held_by = CASE WHEN offence_id IS NULL THEN 'fines' ELSE 'monitoring' END,
             offender_data_subject_id = COALESCE(offence_id, fine_id)`);
    await runner.query(`
      ALTER TABLE "${s}".fine_board
        ALTER COLUMN offender_data_held_by SET NOT NULL, ALTER COLUMN offender_data_subject_id SET NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('FineBoardPersonalData1767300000002 cannot be undone: the personal data left the register');
  }
}
