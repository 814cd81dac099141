import type { DomainEvent } from '@app/domain-kernel';
import type { RegisterInstitution } from './institution.commands';

export type InstitutionRegistered = DomainEvent<
  'InstitutionRegistered',
  RegisterInstitution['data'] & { registeredAt: string }
>;
/** The institution states that all its programmes and contracts of the year are published. */
export type DisclosureDeclared = DomainEvent<
  'DisclosureDeclared',
  { bin: string; fiscalYear: number; programmes: number; declaredAt: string }
>;

export type InstitutionEvent = InstitutionRegistered | DisclosureDeclared;
