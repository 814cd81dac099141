import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';

// budgets.events, v1 of each public event besides ContractSigned (its own file). The budget register is public by law.

export class InstitutionRegisteredV1 {
  @Matches(/^\d{12}$/) bin: string;
  @IsString() @Length(1, 300) name: string;
  @IsString() @Length(1, 100) district: string;
  @IsIn(['akimat', 'department', 'utility', 'other']) kind: string;
  @IsRfc3339DateOrDateTime() registeredAt: string;
}

export class DisclosureDeclaredV1 {
  @Matches(/^\d{12}$/) bin: string;
  @IsInt() fiscalYear: number;
  @IsInt() @Min(1) programmes: number;
  @IsRfc3339DateOrDateTime() declaredAt: string;
}

export class ProgrammePublishedV1 {
  @IsString() programmeId: string;
  @Matches(/^\d{12}$/) institutionBin: string;
  @IsString() district: string;
  @IsInt() fiscalYear: number;
  @IsString() code: string;
  @IsString() name: string;
  @IsString() purpose: string;
  @IsIn(['expenditure', 'revenue']) direction: 'expenditure' | 'revenue';
  @IsInt() @Min(0) allocationTiyn: number;
  @IsRfc3339DateOrDateTime() publishedAt: string;
}

export class AllocationAmendedV1 {
  @IsString() programmeId: string;
  @IsInt() @Min(0) previousAllocationTiyn: number;
  @IsInt() @Min(0) newAllocationTiyn: number;
  @IsString() reason: string;
}

export class ExpenditureRecordedV1 {
  @IsString() programmeId: string;
  @IsString() expenditureId: string;
  @IsInt() @Min(1) amountTiyn: number;
  @IsRfc3339DateOrDateTime() date: string;
  @IsString() description: string;
  @IsOptional() @IsString() contractId: string | null;
  @IsOptional() @IsString() caseId: string | null;
}

export class RevenueReceivedV1 {
  @IsString() programmeId: string;
  @IsString() fineId: string;
  @IsInt() @Min(1) amountTiyn: number;
  @IsString() district: string;
  @IsRfc3339DateOrDateTime() receivedAt: string;
}

export class ContractPaymentRecordedV1 {
  @IsString() contractId: string;
  @IsString() programmeId: string;
  @IsString() paymentId: string;
  @IsInt() @Min(1) amountTiyn: number;
  @IsRfc3339DateOrDateTime() paidOn: string;
  @IsString() description: string;
}

export class WarrantyRepairRecordedV1 {
  @IsString() contractId: string;
  @IsString() caseId: string;
  @IsInt() @Min(0) costTiyn: number;
  @IsRfc3339DateOrDateTime() acceptedAt: string;
}

export class ProgrammeFlaggedV1 {
  @IsString() programmeId: string;
  @IsString() reportId: string;
  @IsString() doubt: string;
  @IsOptional() @IsInt() @Min(0) amountInQuestionTiyn: number | null;
}

export class ProgrammeFlagResolvedV1 {
  @IsString() programmeId: string;
  @IsString() reportId: string;
  @IsIn(['confirmed', 'dismissed', 'corrected']) outcome: string;
  @IsString() note: string;
}
