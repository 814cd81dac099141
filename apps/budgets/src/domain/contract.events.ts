import type { DomainEvent } from '@app/domain-kernel';
import type { RecordPayment, RecordWarrantyRepair, SignContract } from './contract.commands';

/** Stored with the subject and the programme's institution and year; published as exactly ContractSignedV1. */
export type ContractSigned = DomainEvent<'ContractSigned', SignContract['data'] & { warrantyEndsAt: string }>;
export type ContractPaymentRecorded = DomainEvent<
  'ContractPaymentRecorded',
  { contractId: string; programmeId: string } & RecordPayment['data']
>;
/** A repair the contractor owed under warranty: it costs the budget nothing, but counts against the contractor. */
export type WarrantyRepairRecorded = DomainEvent<
  'WarrantyRepairRecorded',
  { contractId: string } & RecordWarrantyRepair['data']
>;

export type ContractEvent = ContractSigned | ContractPaymentRecorded | WarrantyRepairRecorded;
