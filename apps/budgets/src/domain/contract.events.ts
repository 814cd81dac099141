import type { DomainEvent } from '@app/domain-kernel';
import type { RoadSegment } from './budget.types';

/** Stored with the subject and the programme's institution and year; published as exactly ContractSignedV1. */
export type ContractSigned = DomainEvent<
  'ContractSigned',
  {
    contractId: string;
    programmeId: string;
    institutionBin: string;
    fiscalYear: number;
    contractorBin: string;
    contractorName: string;
    subject: string;
    roadSegment: RoadSegment;
    amountTiyn: number;
    signedAt: string;
    warrantyMonths: number;
    warrantyEndsAt: string;
  }
>;
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
