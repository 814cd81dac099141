import type { InlineProjection, RecordedEvent } from '@app/event-store';
import type { InstitutionEvent } from '../domain/institution.events';
import { INSTITUTION_STREAM } from './stream-types';

/** The public register of institutions, with the years each declared fully disclosed. */
export const institutionRegisterProjection: InlineProjection = {
  name: 'institution-register',
  table: 'institutions',
  mode: 'inline',
  handles: (event) => event.streamType === INSTITUTION_STREAM,
  createTable: (table) => `
    CREATE TABLE ${table} (
      bin text PRIMARY KEY,
      version integer NOT NULL,
      name text NOT NULL,
      district text NOT NULL,
      kind text NOT NULL,
      registered_at timestamptz NOT NULL,
      disclosed_years integer[] NOT NULL DEFAULT '{}'
    );
    CREATE INDEX ON ${table} (district, kind)`,
  async apply(manager, events, table) {
    for (const event of events as RecordedEvent<InstitutionEvent>[]) {
      const e = { type: event.type, data: event.data } as InstitutionEvent;
      if (e.type === 'InstitutionRegistered') {
        await manager.query(
          `INSERT INTO ${table} (bin, version, name, district, kind, registered_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [e.data.bin, event.streamVersion, e.data.name, e.data.district, e.data.kind, e.data.registeredAt],
        );
      } else {
        await manager.query(
          `UPDATE ${table} SET version = $2, disclosed_years = array_append(disclosed_years, $3::int) WHERE bin = $1`,
          [event.streamId, event.streamVersion, e.data.fiscalYear],
        );
      }
    }
  },
};
