/** What Postgres said about a failed statement, whether pg threw it or TypeORM wrapped it (QueryFailedError.driverError). */
export interface PostgresErrorFields {
  /** The SQLSTATE, e.g. 23505. */
  code?: string;
  constraint?: string;
  table?: string;
}

export const UNIQUE_VIOLATION = '23505';

export function postgresErrorFields(error: unknown): PostgresErrorFields {
  const e = (error ?? {}) as PostgresErrorFields & { driverError?: PostgresErrorFields };
  const pick = (key: keyof PostgresErrorFields) => {
    const value = e.driverError?.[key] ?? e[key];
    return typeof value === 'string' ? value : undefined;
  };
  return { code: pick('code'), constraint: pick('constraint'), table: pick('table') };
}

/** The unique violation of a statement, with its constraint and table, or undefined for any other error. */
export function uniqueViolation(error: unknown): PostgresErrorFields | undefined {
  const fields = postgresErrorFields(error);
  return fields.code === UNIQUE_VIOLATION ? fields : undefined;
}
