import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableReads } from '@app/event-store';
import { ListFilter, withMoney } from '@app/platform';
import { fineBoardColumns, type FineRow } from './fine-board.columns';

export interface FineListFilter {
  status?: string;
  offenceType?: string;
  offenderCategory?: string;
  raidId?: string;
  year?: number;
  page: number;
  limit: number;
}

const fines = new TableReads<FineRow>('fine_board', 'fine_id', fineBoardColumns.select(), money);

/** Reads of the fines register: lists, one fine, what the overdue sweep should look at, the calendar's flags. */
@Injectable()
export class FineQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: FineListFilter) {
    // An empty text filter means no filter, as an absent one does.
    const where = new ListFilter()
      .add('status = ?', filter.status || undefined)
      .add('offence_type = ?', filter.offenceType || undefined)
      .add('offender_category = ?', filter.offenderCategory || undefined)
      .add('raid_id = ?', filter.raidId || undefined)
      .add('year = ?', filter.year);
    return fines.page(this.dataSource, where, 'issued_at DESC, fine_id', filter);
  }

  async one(fineId: string): Promise<FineRow | undefined> {
    return fines.one(this.dataSource, fineId);
  }

  /** Issued fines whose due date (an Asia/Almaty date) is before `today`. */
  overdueCandidates(today: string): Promise<string[]> {
    return this.dueBefore('issued', today);
  }

  /** Overdue fines whose due date is before `lastDueDate` (today less the grace). */
  enforcementCandidates(lastDueDate: string): Promise<string[]> {
    return this.dueBefore('overdue', lastDueDate);
  }

  /** How many fines of each status had a deadline counted on an unverified calendar. */
  async calendarUnverifiedByStatus(): Promise<{ status: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM fine_board WHERE calendar_unverified GROUP BY status`,
    );
  }

  /** The first thousand fines of the status whose due date is before the day, earliest first. */
  private async dueBefore(status: 'issued' | 'overdue', day: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT fine_id FROM fine_board WHERE status = $1 AND due_date < $2 ORDER BY due_date LIMIT 1000`,
      [status, day],
    );
    return rows.map((r: { fine_id: string }) => r.fine_id);
  }
}

/** The money columns as integers (withMoney), and the balance still due. */
function money(row: Record<string, unknown>): FineRow {
  const r = withMoney(row);
  r.balanceTiyn =
    r.status === 'paid' || r.status === 'cancelled' ? 0 : (r.amountTiyn as number) - (r.paidTiyn as number);
  return row as unknown as FineRow;
}
