import {
  AllocationAmendedV1,
  ContractPaymentRecordedV1,
  ContractSignedV1,
  DisclosureDeclaredV1,
  ExpenditureRecordedV1,
  InstitutionRegisteredV1,
  ProgrammeFlaggedV1,
  ProgrammeFlagResolvedV1,
  ProgrammePublishedV1,
  RevenueReceivedV1,
  WarrantyRepairRecordedV1,
  publishedAsV1,
  type AnyPublishedEvent,
} from '@app/contracts';
import type { ContractSigned } from './domain/contract.events';

/** ContractSigned leaves as exactly ContractSignedV1 (road-cases relies on it); the subject and the programme's year stay here. */
const contractSignedToPublic = (d: ContractSigned['data']): ContractSignedV1 => ({
  contractId: d.contractId,
  programmeId: d.programmeId,
  contractorBin: d.contractorBin,
  contractorName: d.contractorName,
  roadSegment: { roadName: d.roadSegment.roadName, fromKm: d.roadSegment.fromKm, toKm: d.roadSegment.toKm },
  amountTiyn: d.amountTiyn,
  signedAt: d.signedAt,
  warrantyMonths: d.warrantyMonths,
  warrantyEndsAt: d.warrantyEndsAt,
});

/** Every budget event is public (the register is open by law), each as v1 of its contract in libs/contracts. */
export const budgetsPublished: AnyPublishedEvent[] = [
  ...publishedAsV1({
    InstitutionRegistered: InstitutionRegisteredV1,
    DisclosureDeclared: DisclosureDeclaredV1,
    ProgrammePublished: ProgrammePublishedV1,
    AllocationAmended: AllocationAmendedV1,
    ExpenditureRecorded: ExpenditureRecordedV1,
    RevenueReceived: RevenueReceivedV1,
  }),
  { eventType: 'ContractSigned', contract: ContractSignedV1, schemaVersion: 1, toPublic: contractSignedToPublic },
  ...publishedAsV1({
    ContractPaymentRecorded: ContractPaymentRecordedV1,
    WarrantyRepairRecorded: WarrantyRepairRecordedV1,
    ProgrammeFlagged: ProgrammeFlaggedV1,
    ProgrammeFlagResolved: ProgrammeFlagResolvedV1,
  }),
];
