import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LAST_CALENDAR_YEAR_BEFORE_FLAG } from '../../domain/fine-calendar';
import { fineBoardAsFound } from './fine-board.migration-schema';

/**
 * The fines register gains calendar_unverified: a deadline of the fine falls in a year the working-day calendar was
 * not verified for. Fines already issued carry no flag in their events; those with a deadline after the last year the
 * calendar then had (2026) are marked, as the projection reads such events (fine-calendar.ts). A register created
 * after this change already has the column: nothing to do.
 */
export class FineBoardCalendar1767400000000 implements MigrationInterface {
  name = 'FineBoardCalendar1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    const board = await fineBoardAsFound(runner);
    if (board.has('calendar_unverified')) return;
    await runner.query(`ALTER TABLE ${board.table} ADD COLUMN calendar_unverified boolean NOT NULL DEFAULT false`);
    await runner.query(
      `UPDATE ${board.table} SET calendar_unverified = true
        WHERE left(discount_deadline, 4)::int > $1 OR left(due_date, 4)::int > $1`,
      [LAST_CALENDAR_YEAR_BEFORE_FLAG],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const board = await fineBoardAsFound(runner);
    await runner.query(`ALTER TABLE ${board.table} DROP COLUMN calendar_unverified`);
  }
}
