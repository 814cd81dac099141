import { decideByType, isValidBin, type Decider } from '@app/domain-kernel';
import {
  AlreadyDisclosedError,
  IllegalBudgetStepError,
  InvalidBinError,
  NoProgrammesForYearError,
} from './budget.errors';
import type { DeclareDisclosure, InstitutionCommand, RegisterInstitution } from './institution.commands';
import type { InstitutionEvent } from './institution.events';
import { initialInstitutionState, type InstitutionState } from './institution.state';

const register = (c: RegisterInstitution, s: InstitutionState): InstitutionEvent[] => {
  if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'registered');
  if (!isValidBin(c.data.bin)) throw new InvalidBinError('bin', c.data.bin);
  return [{ type: 'InstitutionRegistered', data: { ...c.data, registeredAt: c.metadata.now.toISOString() } }];
};

const declareDisclosure = (c: DeclareDisclosure, s: InstitutionState): InstitutionEvent[] => {
  if (s.status !== 'registered') throw new IllegalBudgetStepError(c.type, 'unregistered');
  if (s.disclosedYears.includes(c.data.fiscalYear)) throw new AlreadyDisclosedError(c.data.fiscalYear);
  if (c.data.programmesInYear < 1) throw new NoProgrammesForYearError(s.bin, c.data.fiscalYear);
  return [
    {
      type: 'DisclosureDeclared',
      data: {
        bin: s.bin,
        fiscalYear: c.data.fiscalYear,
        programmes: c.data.programmesInYear,
        declaredAt: c.metadata.now.toISOString(),
      },
    },
  ];
};

export const institutionDecider: Decider<InstitutionState, InstitutionCommand, InstitutionEvent> = {
  initialState: initialInstitutionState,

  decide: decideByType({ RegisterInstitution: register, DeclareDisclosure: declareDisclosure }),

  evolve(state, event) {
    switch (event.type) {
      case 'InstitutionRegistered': {
        const { bin, name, district, kind } = event.data;
        return { ...state, status: 'registered', bin, name, district, kind };
      }
      case 'DisclosureDeclared':
        return { ...state, disclosedYears: [...state.disclosedYears, event.data.fiscalYear] };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
