import { deciderScenario, OFFICIAL_AT_WORK } from '@app/domain-kernel/testing';
import * as errors from './budget.errors';
import type { PublishProgramme } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type { ProgrammeEvent } from './programme.events';

const { spec, command } = deciderScenario(programmeDecider, OFFICIAL_AT_WORK);
const P = 'programme-1';

const publishData: PublishProgramme['data'] = {
  programmeId: P,
  institutionBin: '140840012347',
  district: 'Taraz',
  fiscalYear: 2026,
  code: '451-015',
  name: 'Street repair',
  purpose: 'road_maintenance',
  allocationTiyn: 1_000_000,
};
const published: ProgrammeEvent = {
  type: 'ProgrammePublished',
  data: { ...publishData, direction: 'expenditure', publishedAt: OFFICIAL_AT_WORK.now.toISOString() },
};
const revenueLine: ProgrammeEvent = {
  type: 'ProgrammePublished',
  data: {
    ...publishData,
    code: '204-101',
    purpose: 'fine_revenue',
    direction: 'revenue',
    publishedAt: OFFICIAL_AT_WORK.now.toISOString(),
  },
};
const spent = (amountTiyn: number, expenditureId = 'e-1'): ProgrammeEvent => ({
  type: 'ExpenditureRecorded',
  data: {
    programmeId: P,
    expenditureId,
    amountTiyn,
    date: '2026-03-01',
    description: 'asphalt',
    contractId: null,
    caseId: null,
  },
});
const amended = (newAllocationTiyn: number, previousAllocationTiyn = 1_000_000): ProgrammeEvent => ({
  type: 'AllocationAmended',
  data: { programmeId: P, previousAllocationTiyn, newAllocationTiyn, reason: 'maslikhat decision' },
});
const flagged: ProgrammeEvent = {
  type: 'ProgrammeFlagged',
  data: { programmeId: P, reportId: 'r-1', doubt: 'paid twice', amountInQuestionTiyn: 5_000 },
};

const spendData = (amountTiyn: number) => ({
  expenditureId: 'e-2',
  amountTiyn,
  date: '2026-03-02',
  description: 'marking',
  contractId: null,
  caseId: null,
});
const spend = (amountTiyn: number) => command('RecordExpenditure', spendData(amountTiyn));
const amend = (newAllocationTiyn: number) =>
  command('AmendAllocation', { newAllocationTiyn, reason: 'maslikhat decision' });

describe('Budget programme', () => {
  it('is published with its allocation as a spending programme', () =>
    spec.given([]).when(command('PublishProgramme', publishData)).then([published]));

  it('is published as a revenue line when its purpose is fine revenue', () =>
    spec
      .given([])
      .when(command('PublishProgramme', { ...publishData, code: '204-101', purpose: 'fine_revenue' }))
      .then([revenueLine]));

  describe('When spending', () => {
    it('records an expenditure up to the allocation exactly', () =>
      spec
        .given([published, spent(400_000)])
        .when(spend(600_000))
        .then([{ type: 'ExpenditureRecorded', data: { programmeId: P, ...spendData(600_000) } }]));

    it('refuses spending above the allocation, naming the remaining amount', () =>
      spec
        .given([published, spent(400_000)])
        .when(spend(600_001))
        .thenThrows(errors.AllocationExceededError, {
          code: 'allocation_exceeded',
          details: { remainingTiyn: 600_000, amountTiyn: 600_001 },
        }));

    it('counts against the amended allocation', () =>
      spec
        .given([published, amended(500_000), spent(400_000)])
        .when(spend(100_001))
        .thenThrows(errors.AllocationExceededError, { details: { remainingTiyn: 100_000 } }));

    it('refuses an expenditure on a revenue line and on an unpublished programme', () => {
      spec.given([revenueLine]).when(spend(1)).thenThrows(errors.WrongDirectionError);
      spec.given([]).when(spend(1)).thenThrows(errors.IllegalBudgetStepError);
    });
  });

  describe('When amending the allocation', () => {
    it('records the previous and new allocation with the reason', () =>
      spec
        .given([published])
        .when(amend(2_000_000))
        .then([amended(2_000_000)]));

    it('refuses cutting it below what was spent, naming the field', () =>
      spec
        .given([published, spent(700_000)])
        .when(amend(600_000))
        .thenThrows(errors.AllocationBelowSpendingError, {
          details: { field: 'newAllocationTiyn', spentTiyn: 700_000 },
        }));
  });

  describe('When a fine is paid in the district', () => {
    const receive = command('ReceiveRevenue', {
      fineId: 'f-1',
      amountTiyn: 1_389_000,
      receivedAt: '2026-03-02T05:00:00.000Z',
    });

    it('a revenue line receives it, whatever its plan', () =>
      spec
        .given([revenueLine])
        .when(receive)
        .then([
          {
            type: 'RevenueReceived',
            data: {
              programmeId: P,
              fineId: 'f-1',
              amountTiyn: 1_389_000,
              district: 'Taraz',
              receivedAt: '2026-03-02T05:00:00.000Z',
            },
          },
        ]));

    it('a spending programme refuses it', () =>
      spec.given([published]).when(receive).thenThrows(errors.WrongDirectionError));
  });

  describe('When a budget-execution report is forwarded', () => {
    const flag = command('FlagProgramme', {
      reportId: 'r-1',
      doubt: 'paid twice',
      amountInQuestionTiyn: 5_000,
    });
    const resolve = (reportId = 'r-1') =>
      command('ResolveFlag', { reportId, outcome: 'dismissed', note: 'one payment only' });

    it('flags the programme with the report id, once', () => {
      spec.given([published]).when(flag).then([flagged]);
      spec.given([published, flagged]).when(flag).then([]);
    });

    it('resolves an open flag with an outcome, and then it is no longer open', () => {
      spec
        .given([published, flagged])
        .when(resolve())
        .then(
          [
            {
              type: 'ProgrammeFlagResolved',
              data: { programmeId: P, reportId: 'r-1', outcome: 'dismissed', note: 'one payment only' },
            },
          ],
          (s) => expect(s.openFlags).toEqual([]),
        );
    });

    it('refuses resolving a flag that is not open', () =>
      spec
        .given([published, flagged])
        .when(resolve('r-2'))
        .thenThrows(errors.FlagNotOpenError, { details: { reportId: 'r-2' } }));
  });
});
