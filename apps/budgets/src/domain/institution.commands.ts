import type { Command } from '@app/domain-kernel';
import type { InstitutionKind } from './budget.types';

export type RegisterInstitution = Command<
  'RegisterInstitution',
  { bin: string; name: string; district: string; kind: InstitutionKind }
>;
/** `programmesInYear` is the fact the application layer read from the programme register, so the decider stays pure. */
export type DeclareDisclosure = Command<'DeclareDisclosure', { fiscalYear: number; programmesInYear: number }>;

export type InstitutionCommand = RegisterInstitution | DeclareDisclosure;
