import type { DomainEvent } from '@app/domain-kernel';
import type { SignContract } from './contract.commands';

/** Stored with the subject and the programme's institution and year; published as exactly ContractSignedV1. */
export type ContractSigned = DomainEvent<'ContractSigned', SignContract['data'] & { warrantyEndsAt: string }>;
export type ContractPaymentRecorded = DomainEvent<
  'ContractPaymentRecorded',
  {
    contractId: string;
    programmeId: string;
    paymentId: string;
    amountTiyn: number;
    paidOn: string;
    description: string;
  }
>;
/** A repair the contractor owed under warranty: it costs the budget nothing, but counts against the contractor. */
export type WarrantyRepairRecorded = DomainEvent<
  'WarrantyRepairRecorded',
  {
    contractId: string;
    caseId: string;
    costTiyn: number;
    acceptedAt: string;
  }
>;

export type ContractEvent = ContractSigned | ContractPaymentRecorded | WarrantyRepairRecorded;
