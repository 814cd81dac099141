import type { InstitutionEvent } from '../../domain/institution.events';
import { INSTITUTION_STREAM } from '../../projections/stream-types';
import { registerRowProjection } from './register-row-projection';
import { institutionColumns } from './register.tables';

/** The public register of institutions, with the years each declared fully disclosed. */
export const institutionRegisterProjection = registerRowProjection<InstitutionEvent, 'InstitutionRegistered'>({
  name: 'institution-register',
  table: 'institutions',
  streamType: INSTITUTION_STREAM,
  columns: institutionColumns,
  indexes: ['district, kind'],
  startedBy: 'InstitutionRegistered',
  row: ({ bin, name, district, kind, registeredAt }, version) => ({ bin, version, name, district, kind, registeredAt }),
  updates: {
    DisclosureDeclared: { set: 'disclosed_years = array_append(disclosed_years, $3::int)', value: (d) => d.fiscalYear },
  },
});
