import { deciderScenario, OFFICIAL_AT_WORK } from '@app/domain-kernel/testing';
import * as errors from './budget.errors';
import type { SignContract } from './contract.commands';
import { contractDecider } from './contract.decider';
import type { ContractEvent } from './contract.events';

const { spec, command } = deciderScenario(contractDecider, OFFICIAL_AT_WORK);
const C = 'contract-1';

const signData: SignContract['data'] = {
  contractId: C,
  programmeId: 'programme-1',
  institutionBin: '140840012347',
  fiscalYear: 2020,
  contractorBin: '123456789013',
  contractorName: 'Taraz Zhol LLP',
  subject: 'Resurfacing',
  roadSegment: { roadName: 'Tole bi', fromKm: 1.2, toKm: 3.4 },
  amountTiyn: 1_000_000,
  signedAt: '2020-01-31',
  warrantyMonths: 1,
};
const signed: ContractEvent = { type: 'ContractSigned', data: { ...signData, warrantyEndsAt: '2020-02-29' } };
const sign = (data: Partial<SignContract['data']> = {}) => command('SignContract', { ...signData, ...data });
const payData = (amountTiyn: number) => ({
  paymentId: 'pay-2',
  amountTiyn,
  paidOn: '2020-03-01',
  description: 'stage 2',
});
const pay = (amountTiyn: number) => command('RecordPayment', payData(amountTiyn));
const paid = (amountTiyn: number): ContractEvent => ({
  type: 'ContractPaymentRecorded',
  data: {
    contractId: C,
    programmeId: 'programme-1',
    paymentId: 'pay-1',
    amountTiyn,
    paidOn: '2020-02-01',
    description: 'stage 1',
  },
});

describe('Contract', () => {
  describe('When signed', () => {
    it('ends the warranty whole months after signing, clamped to the month end', () =>
      spec.given([]).when(sign()).then([signed]));

    it('keeps the day when the month has it', () =>
      spec
        .given([])
        .when(sign({ signedAt: '2020-01-15', warrantyMonths: 36 }))
        .thenState((s) => expect(s.warrantyEndsAt).toBe('2023-01-15')));

    it('refuses a contractor BIN with a wrong check digit, naming the field', () =>
      spec
        .given([])
        .when(sign({ contractorBin: '123456789012' }))
        .thenThrows(errors.InvalidBinError, { details: { field: 'contractorBin' } }));

    it('refuses a road segment that ends before it starts', () =>
      spec
        .given([])
        .when(sign({ roadSegment: { roadName: 'Tole bi', fromKm: 5, toKm: 1 } }))
        .thenThrows(errors.InvalidRoadSegmentError));
  });

  describe('When paid', () => {
    it('records a payment up to the contract amount', () =>
      spec
        .given([signed, paid(600_000)])
        .when(pay(400_000))
        .then([
          { type: 'ContractPaymentRecorded', data: { contractId: C, programmeId: 'programme-1', ...payData(400_000) } },
        ]));

    it('refuses paying more than the contract amount, naming what remains', () =>
      spec
        .given([signed, paid(600_000)])
        .when(pay(400_001))
        .thenThrows(errors.ContractAmountExceededError, { details: { remainingTiyn: 400_000 } }));

    it('refuses paying an unsigned contract', () =>
      spec.given([]).when(pay(1)).thenThrows(errors.IllegalBudgetStepError));
  });

  describe('When a repair under warranty is accepted', () => {
    const repair = command('RecordWarrantyRepair', {
      caseId: 'case-1',
      costTiyn: 50_000,
      acceptedAt: '2020-02-10T10:00:00.000Z',
    });
    const recorded: ContractEvent = {
      type: 'WarrantyRepairRecorded',
      data: { contractId: C, caseId: 'case-1', costTiyn: 50_000, acceptedAt: '2020-02-10T10:00:00.000Z' },
    };

    it('records it against the contract, once per case', () => {
      spec.given([signed]).when(repair).then([recorded]);
      spec.given([signed, recorded]).when(repair).then([]);
    });
  });
});
