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
  { eventType: 'InstitutionRegistered', contract: InstitutionRegisteredV1, schemaVersion: 1 },
  { eventType: 'DisclosureDeclared', contract: DisclosureDeclaredV1, schemaVersion: 1 },
  { eventType: 'ProgrammePublished', contract: ProgrammePublishedV1, schemaVersion: 1 },
  { eventType: 'AllocationAmended', contract: AllocationAmendedV1, schemaVersion: 1 },
  { eventType: 'ExpenditureRecorded', contract: ExpenditureRecordedV1, schemaVersion: 1 },
  { eventType: 'RevenueReceived', contract: RevenueReceivedV1, schemaVersion: 1 },
  { eventType: 'ContractSigned', contract: ContractSignedV1, schemaVersion: 1, toPublic: contractSignedToPublic },
  { eventType: 'ContractPaymentRecorded', contract: ContractPaymentRecordedV1, schemaVersion: 1 },
  { eventType: 'WarrantyRepairRecorded', contract: WarrantyRepairRecordedV1, schemaVersion: 1 },
  { eventType: 'ProgrammeFlagged', contract: ProgrammeFlaggedV1, schemaVersion: 1 },
  { eventType: 'ProgrammeFlagResolved', contract: ProgrammeFlagResolvedV1, schemaVersion: 1 },
];
