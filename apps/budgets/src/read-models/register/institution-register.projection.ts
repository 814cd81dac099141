import { inlineProjection, updateStreamRow, type RecordedEvent } from '@app/event-store';
import type { InstitutionEvent } from '../../domain/institution.events';
import { INSTITUTION_STREAM } from '../../projections/stream-types';
import { institutionColumns } from './register.tables';

/** The public register of institutions, with the years each declared fully disclosed. */
export const institutionRegisterProjection = inlineProjection<RecordedEvent<InstitutionEvent>>({
  name: 'institution-register',
  table: 'institutions',
  handles: (event) => event.streamType === INSTITUTION_STREAM,
  createTable: (table) => institutionColumns.createTable(table, ['district, kind']),
  async applyEvent(manager, table, event) {
    const e = { type: event.type, data: event.data } as InstitutionEvent;
    if (e.type === 'InstitutionRegistered') {
      const { bin, name, district, kind, registeredAt } = e.data;
      await institutionColumns.insert(manager, table, {
        bin,
        version: event.streamVersion,
        name,
        district,
        kind,
        registeredAt,
      });
    } else {
      const disclosed = 'disclosed_years = array_append(disclosed_years, $3::int)';
      await updateStreamRow(manager, table, 'bin', event, disclosed, e.data.fiscalYear);
    }
  },
});
