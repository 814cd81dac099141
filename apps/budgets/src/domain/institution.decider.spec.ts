import { deciderScenario, OFFICIAL_AT_WORK } from '@app/domain-kernel/testing';
import * as errors from './budget.errors';
import { institutionDecider } from './institution.decider';
import type { InstitutionEvent } from './institution.events';

const { spec, command } = deciderScenario(institutionDecider, OFFICIAL_AT_WORK);
const BIN = '140840012347';

const register = (bin = BIN) =>
  command('RegisterInstitution', {
    bin,
    name: 'Roads department of Taraz',
    district: 'Taraz',
    kind: 'department',
  });
const declare = (fiscalYear: number, programmesInYear: number) =>
  command('DeclareDisclosure', { fiscalYear, programmesInYear });
const registered: InstitutionEvent = {
  type: 'InstitutionRegistered',
  data: {
    bin: BIN,
    name: 'Roads department of Taraz',
    district: 'Taraz',
    kind: 'department',
    registeredAt: OFFICIAL_AT_WORK.now.toISOString(),
  },
};

describe('Institution', () => {
  describe('When registered', () => {
    it('records the institution with its BIN, district and kind', () =>
      spec.given([]).when(register()).then([registered]));

    it('refuses a BIN with a wrong check digit, naming the field', () =>
      spec
        .given([])
        .when(register('140840012340'))
        .thenThrows(errors.InvalidBinError, { details: { field: 'bin' } }));

    it('refuses registering the same BIN twice', () =>
      spec.given([registered]).when(register()).thenThrows(errors.IllegalBudgetStepError));
  });

  describe('When declaring a fiscal year fully disclosed', () => {
    it('is refused while the institution has no programme for that year', () =>
      spec
        .given([registered])
        .when(declare(2026, 0))
        .thenThrows(errors.NoProgrammesForYearError, { details: { fiscalYear: 2026 } }));

    it('is recorded once it has programmes', () =>
      spec
        .given([registered])
        .when(declare(2026, 2))
        .then([
          {
            type: 'DisclosureDeclared',
            data: { bin: BIN, fiscalYear: 2026, programmes: 2, declaredAt: OFFICIAL_AT_WORK.now.toISOString() },
          },
        ]));

    it('is refused a second time for the same year', () =>
      spec
        .given([
          registered,
          {
            type: 'DisclosureDeclared',
            data: { bin: BIN, fiscalYear: 2026, programmes: 2, declaredAt: OFFICIAL_AT_WORK.now.toISOString() },
          },
        ])
        .when(declare(2026, 2))
        .thenThrows(errors.AlreadyDisclosedError));

    it('is refused for an unregistered institution', () =>
      spec.given([]).when(declare(2026, 1)).thenThrows(errors.IllegalBudgetStepError));
  });
});
