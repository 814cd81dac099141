import { decideByType, evolveByType, pick, isValidBin, type Decider } from '@app/domain-kernel';
import {
  ContractAmountExceededError,
  IllegalBudgetStepError,
  InvalidBinError,
  InvalidRoadSegmentError,
} from './budget.errors';
import { addMonths } from './calendar-months';
import type { ContractCommand } from './contract.commands';
import type { ContractEvent } from './contract.events';
import { initialContractState, type ContractState } from './contract.state';

function requireSigned(c: ContractCommand, s: ContractState): void {
  if (s.status !== 'signed') throw new IllegalBudgetStepError(c.type, 'unsigned');
}

const decide = decideByType<ContractState, ContractCommand, ContractEvent>({
  /** The warranty runs whole months from the signing date (month ends clamp). */
  SignContract(c, s) {
    if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'signed');
    if (!isValidBin(c.data.contractorBin)) throw new InvalidBinError('contractorBin', c.data.contractorBin);
    if (c.data.roadSegment.toKm < c.data.roadSegment.fromKm) throw new InvalidRoadSegmentError();
    return [
      {
        type: 'ContractSigned',
        data: { ...c.data, warrantyEndsAt: addMonths(c.data.signedAt, c.data.warrantyMonths) },
      },
    ];
  },

  /** Payments never exceed the contract amount; each also counts as the programme's expenditure (the handler appends it). */
  RecordPayment(c, s) {
    requireSigned(c, s);
    const remaining = s.amountTiyn - s.paidTiyn;
    if (c.data.amountTiyn > remaining) throw new ContractAmountExceededError(c.data.amountTiyn, remaining);
    return [
      { type: 'ContractPaymentRecorded', data: { contractId: s.contractId, programmeId: s.programmeId, ...c.data } },
    ];
  },

  /** road-cases decided the repair was under warranty; a case is recorded against the contract once. */
  RecordWarrantyRepair(c, s) {
    requireSigned(c, s);
    if (s.warrantyCaseIds.includes(c.data.caseId)) return [];
    return [{ type: 'WarrantyRepairRecorded', data: { contractId: s.contractId, ...c.data } }];
  },
});

const evolve = evolveByType<ContractState, ContractEvent>({
  ContractSigned: (state, d) => ({
    ...state,
    status: 'signed',
    ...pick(d, 'contractId', 'programmeId', 'contractorBin', 'amountTiyn', 'warrantyEndsAt'),
  }),
  ContractPaymentRecorded: (state, d) => ({ ...state, paidTiyn: state.paidTiyn + d.amountTiyn }),
  WarrantyRepairRecorded: (state, d) => ({ ...state, warrantyCaseIds: [...state.warrantyCaseIds, d.caseId] }),
});

export const contractDecider: Decider<ContractState, ContractCommand, ContractEvent> = {
  initialState: initialContractState,
  decide,
  evolve,
};
