import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DOCUMENTS_AWAITING_REPLIES,
  DOCUMENTS_AWAITING_SENDING,
  type ControlDocumentRow,
} from './control-document-row';
import { SELECT_LIST } from './control-documents.projection';

export interface ControlDocumentFilter {
  institutionBin?: string;
  subjectId?: string;
  status?: string;
  page: number;
  limit: number;
}

export interface ControlDocumentPage {
  items: ControlDocumentRow[];
  total: number;
  page: number;
  limit: number;
}

/** Reads of the final documents' table (the one place besides its projection that names it). */
@Injectable()
export class ControlDocumentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async one(documentId: string): Promise<ControlDocumentRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${SELECT_LIST} FROM control_documents WHERE document_id = $1`, [
      documentId,
    ]);
    return row ?? null;
  }

  async list(filter: ControlDocumentFilter): Promise<ControlDocumentPage> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    for (const [column, value] of [
      ['institution_bin', filter.institutionBin],
      ['subject_id', filter.subjectId],
      ['status', filter.status],
    ] as const) {
      if (value === undefined) continue;
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const items: ControlDocumentRow[] = await this.dataSource.query(
      `SELECT ${SELECT_LIST} FROM control_documents ${where}
        ORDER BY issued_at DESC, document_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.limit, (filter.page - 1) * filter.limit],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM control_documents ${where}`,
      values,
    );
    return { items, total, page: filter.page, limit: filter.limit };
  }

  /**
   * Documents with a deadline passed on `today` ('YYYY-MM-DD', Asia/Almaty) and not yet marked: unsent past the
   * sending deadline, or sent with a recommendation unanswered past the reply deadline. The decider decides again.
   * Each arm reads its partial index, which holds only the documents still awaiting something, however many the board
   * has finished with.
   */
  async overdueCandidates(today: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT document_id FROM control_documents
        WHERE (${DOCUMENTS_AWAITING_SENDING} AND send_due_on < $1)
           OR (${DOCUMENTS_AWAITING_REPLIES} AND reply_due_on < $1)
        ORDER BY issued_at LIMIT 1000`,
      [today],
    );
    return rows.map((r: { document_id: string }) => r.document_id);
  }
}
