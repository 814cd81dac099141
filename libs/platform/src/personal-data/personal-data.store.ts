import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/queryable';
import { MASKED } from './personal-data-keyring';

/** A person's fields as one record holds them: only the ones given are stored. */
export type PersonalFields = Partial<Record<'name' | 'iin' | 'plate' | 'phone' | 'email', string>>;

export interface PersonalDataRecord {
  subjectId: string;
  purpose: string;
  fields: PersonalFields;
  recordedAt: Date;
  erasedAt: Date | null;
}

/**
 * The one owner of the personal_data table: personal data is written in the transaction of the event that needs it
 * (so neither exists without the other), read for the roles that may see it, and erased on request.
 */
@Injectable()
export class PersonalDataStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a subject's fields once: a retried command (the same subject again) keeps what was first recorded. */
  async record(db: Queryable, subjectId: string, purpose: string, fields: PersonalFields): Promise<void> {
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(given).length === 0) return;
    await db.query(
      `INSERT INTO personal_data (subject_id, purpose, fields) VALUES ($1, $2, $3::jsonb) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, purpose, JSON.stringify(given)],
    );
  }

  async find(subjectId: string, db: Queryable = this.dataSource): Promise<PersonalDataRecord | null> {
    return (await this.findMany([subjectId], db)).get(subjectId) ?? null;
  }

  async findMany(subjectIds: string[], db: Queryable = this.dataSource): Promise<Map<string, PersonalDataRecord>> {
    if (subjectIds.length === 0) return new Map();
    const rows: PersonalDataRecord[] = await db.query(
      `SELECT subject_id AS "subjectId", purpose, fields, recorded_at AS "recordedAt", erased_at AS "erasedAt"
         FROM personal_data WHERE subject_id = ANY($1::uuid[])`,
      [subjectIds],
    );
    return new Map(rows.map((r) => [r.subjectId, r]));
  }

  /** Empties a subject's fields (locked, so two erasures cannot both report having erased): the fields it held. */
  async erase(
    db: Queryable,
    subjectId: string,
    erasure: { by: string; reason: string; at: Date },
  ): Promise<{ purpose: string; erasedFields: string[] } | { alreadyErasedAt: Date } | null> {
    const rows: PersonalDataRecord[] = await db.query(
      `SELECT purpose, fields, erased_at AS "erasedAt" FROM personal_data WHERE subject_id = $1 FOR UPDATE`,
      [subjectId],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.erasedAt) return { alreadyErasedAt: row.erasedAt };
    await db.query(
      `UPDATE personal_data SET fields = '{}'::jsonb, erased_at = $2, erased_by = $3, erasure_reason = $4 WHERE subject_id = $1`,
      [subjectId, erasure.at, erasure.by, erasure.reason],
    );
    return { purpose: row.purpose, erasedFields: Object.keys(row.fields).sort() };
  }
}

/** A subject's personal data as one reader may see it: in clear for the roles that may read it, masked otherwise. */
export interface PersonalDataView {
  subjectId: string;
  fields: Partial<Record<keyof PersonalFields, string>>;
  /** false: the fields are masked for this reader's role (PERSONAL_DATA_ROLES). */
  inClear: boolean;
  erasedAt: string | null;
}

export function personalDataView(
  subjectId: string,
  record: PersonalDataRecord | null | undefined,
  mayRead: boolean,
): PersonalDataView {
  const fields = record?.fields ?? {};
  const shown = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, mayRead ? v : MASKED]));
  return { subjectId, fields: shown, inClear: mayRead, erasedAt: record?.erasedAt?.toISOString() ?? null };
}
