import type { DomainEvent } from '@app/domain-kernel';
import type { InstitutionKind } from './budget.types';

export type InstitutionRegistered = DomainEvent<
  'InstitutionRegistered',
  {
    bin: string;
    name: string;
    district: string;
    kind: InstitutionKind;
    registeredAt: string;
  }
>;
/** The institution states that all its programmes and contracts of the year are published. */
export type DisclosureDeclared = DomainEvent<
  'DisclosureDeclared',
  { bin: string; fiscalYear: number; programmes: number; declaredAt: string }
>;

export type InstitutionEvent = InstitutionRegistered | DisclosureDeclared;
