import { decideByType, evolveByType, isValidBin, type Decider } from '@app/domain-kernel';
import {
  AlreadyDisclosedError,
  IllegalBudgetStepError,
  InvalidBinError,
  NoProgrammesForYearError,
} from './budget.errors';
import type { InstitutionCommand } from './institution.commands';
import type { InstitutionEvent } from './institution.events';
import { initialInstitutionState, type InstitutionState } from './institution.state';

const decide = decideByType<InstitutionState, InstitutionCommand, InstitutionEvent>({
  RegisterInstitution(c, s) {
    if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'registered');
    if (!isValidBin(c.data.bin)) throw new InvalidBinError('bin', c.data.bin);
    return [{ type: 'InstitutionRegistered', data: { ...c.data, registeredAt: c.metadata.now.toISOString() } }];
  },

  DeclareDisclosure(c, s) {
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
  },
});

const evolve = evolveByType<InstitutionState, InstitutionEvent>({
  InstitutionRegistered: (state, { bin, name, district, kind }) => ({
    ...state,
    status: 'registered',
    bin,
    name,
    district,
    kind,
  }),
  DisclosureDeclared: (state, d) => ({ ...state, disclosedYears: [...state.disclosedYears, d.fiscalYear] }),
});

export const institutionDecider: Decider<InstitutionState, InstitutionCommand, InstitutionEvent> = {
  initialState: initialInstitutionState,
  decide,
  evolve,
};
