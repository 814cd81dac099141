import type { InlineProjection, RecordedEvent } from '@app/event-store';
import type { ProgrammeEvent } from '../domain/programme.events';
import { PROGRAMME_STREAM } from './stream-types';

/**
 * One row per programme with its running sums (approved, current allocation, spent, revenue, open flags), kept in the
 * append transaction, so the map and the export sum rows instead of folding events.
 */
export const programmeRegisterProjection: InlineProjection = {
  name: 'programme-register',
  table: 'programmes',
  mode: 'inline',
  handles: (event) => event.streamType === PROGRAMME_STREAM,
  createTable: (table) => `
    CREATE TABLE ${table} (
      programme_id text PRIMARY KEY,
      version integer NOT NULL,
      institution_bin text NOT NULL,
      district text NOT NULL,
      fiscal_year integer NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      purpose text NOT NULL,
      direction text NOT NULL,
      approved_tiyn bigint NOT NULL,
      allocation_tiyn bigint NOT NULL,
      amendments integer NOT NULL DEFAULT 0,
      spent_tiyn bigint NOT NULL DEFAULT 0,
      revenue_tiyn bigint NOT NULL DEFAULT 0,
      open_flags text[] NOT NULL DEFAULT '{}',
      published_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${table} (fiscal_year, institution_bin);
    CREATE INDEX ON ${table} (institution_bin, code, fiscal_year);
    CREATE INDEX ON ${table} (district, fiscal_year, purpose)`,
  async apply(manager, events, table) {
    for (const event of events as RecordedEvent<ProgrammeEvent>[]) {
      const e = { type: event.type, data: event.data } as ProgrammeEvent;
      const update = (set: string, ...values: unknown[]) =>
        manager.query(`UPDATE ${table} SET version = $2, ${set} WHERE programme_id = $1`, [
          event.streamId,
          event.streamVersion,
          ...values,
        ]);
      switch (e.type) {
        case 'ProgrammePublished': {
          const d = e.data;
          await manager.query(
            `INSERT INTO ${table} (programme_id, version, institution_bin, district, fiscal_year, code, name, purpose, direction,
                                   approved_tiyn, allocation_tiyn, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)`,
            [
              d.programmeId,
              event.streamVersion,
              d.institutionBin,
              d.district,
              d.fiscalYear,
              d.code,
              d.name,
              d.purpose,
              d.direction,
              d.allocationTiyn,
              d.publishedAt,
            ],
          );
          break;
        }
        case 'AllocationAmended':
          await update('allocation_tiyn = $3, amendments = amendments + 1', e.data.newAllocationTiyn);
          break;
        case 'ExpenditureRecorded':
          await update('spent_tiyn = spent_tiyn + $3', e.data.amountTiyn);
          break;
        case 'RevenueReceived':
          await update('revenue_tiyn = revenue_tiyn + $3', e.data.amountTiyn);
          break;
        case 'ProgrammeFlagged':
          await update('open_flags = array_append(open_flags, $3::text)', e.data.reportId);
          break;
        case 'ProgrammeFlagResolved':
          await update('open_flags = array_remove(open_flags, $3::text)', e.data.reportId);
          break;
      }
    }
  },
};
