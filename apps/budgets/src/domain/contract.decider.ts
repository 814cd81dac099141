import { decideByType, isValidBin, type Decider } from '@app/domain-kernel';
import {
  ContractAmountExceededError,
  IllegalBudgetStepError,
  InvalidBinError,
  InvalidRoadSegmentError,
} from './budget.errors';
import { addMonths } from './calendar-months';
import type { ContractCommand, RecordPayment, RecordWarrantyRepair, SignContract } from './contract.commands';
import type { ContractEvent } from './contract.events';
import { initialContractState, type ContractState } from './contract.state';

function requireSigned(c: ContractCommand, s: ContractState): void {
  if (s.status !== 'signed') throw new IllegalBudgetStepError(c.type, 'unsigned');
}

/** The warranty runs whole months from the signing date (month ends clamp). */
const sign = (c: SignContract, s: ContractState): ContractEvent[] => {
  if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'signed');
  if (!isValidBin(c.data.contractorBin)) throw new InvalidBinError('contractorBin', c.data.contractorBin);
  if (c.data.roadSegment.toKm < c.data.roadSegment.fromKm) throw new InvalidRoadSegmentError();
  return [
    { type: 'ContractSigned', data: { ...c.data, warrantyEndsAt: addMonths(c.data.signedAt, c.data.warrantyMonths) } },
  ];
};

/** Payments never exceed the contract amount; each also counts as the programme's expenditure (the handler appends it). */
const pay = (c: RecordPayment, s: ContractState): ContractEvent[] => {
  requireSigned(c, s);
  const remaining = s.amountTiyn - s.paidTiyn;
  if (c.data.amountTiyn > remaining) throw new ContractAmountExceededError(c.data.amountTiyn, remaining);
  return [
    { type: 'ContractPaymentRecorded', data: { contractId: s.contractId, programmeId: s.programmeId, ...c.data } },
  ];
};

/** road-cases decided the repair was under warranty; a case is recorded against the contract once. */
const warrantyRepair = (c: RecordWarrantyRepair, s: ContractState): ContractEvent[] => {
  requireSigned(c, s);
  if (s.warrantyCaseIds.includes(c.data.caseId)) return [];
  return [{ type: 'WarrantyRepairRecorded', data: { contractId: s.contractId, ...c.data } }];
};

export const contractDecider: Decider<ContractState, ContractCommand, ContractEvent> = {
  initialState: initialContractState,

  decide: decideByType({ SignContract: sign, RecordPayment: pay, RecordWarrantyRepair: warrantyRepair }),

  evolve(state, event) {
    switch (event.type) {
      case 'ContractSigned': {
        const d = event.data;
        return {
          ...state,
          status: 'signed',
          contractId: d.contractId,
          programmeId: d.programmeId,
          contractorBin: d.contractorBin,
          amountTiyn: d.amountTiyn,
          warrantyEndsAt: d.warrantyEndsAt,
        };
      }
      case 'ContractPaymentRecorded':
        return { ...state, paidTiyn: state.paidTiyn + event.data.amountTiyn };
      case 'WarrantyRepairRecorded':
        return { ...state, warrantyCaseIds: [...state.warrantyCaseIds, event.data.caseId] };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
