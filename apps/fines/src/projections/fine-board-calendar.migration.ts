import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LAST_CALENDAR_YEAR_BEFORE_FLAG } from '../domain/fine-calendar';

/**
 * The fines register gains calendar_unverified: a deadline of the fine falls in a year the working-day calendar was
 * not verified for. Fines already issued carry no flag in their events; those with a deadline after the last year the
 * calendar then had (2026) are marked, as the projection reads such events (fine-calendar.ts). A register created
 * after this change already has the column: nothing to do.
 */
export class FineBoardCalendar1767400000000 implements MigrationInterface {
  name = 'FineBoardCalendar1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = (runner.connection.options as { schema: string }).schema;
    const columns: { column_name: string }[] = await runner.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'fine_board'`,
      [s],
    );
    if (columns.some((c) => c.column_name === 'calendar_unverified')) return;
    await runner.query(`ALTER TABLE "${s}".fine_board ADD COLUMN calendar_unverified boolean NOT NULL DEFAULT false`);
    await runner.query(
      `UPDATE "${s}".fine_board SET calendar_unverified = true
        WHERE left(discount_deadline, 4)::int > $1 OR left(due_date, 4)::int > $1`,
      [LAST_CALENDAR_YEAR_BEFORE_FLAG],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = (runner.connection.options as { schema: string }).schema;
    await runner.query(`ALTER TABLE "${s}".fine_board DROP COLUMN calendar_unverified`);
  }
}
