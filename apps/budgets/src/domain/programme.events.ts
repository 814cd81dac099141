import type { DomainEvent } from '@app/domain-kernel';
import type { Direction, FlagOutcome } from './budget.types';
import type { PublishProgramme } from './programme.commands';

export type ProgrammePublished = DomainEvent<
  'ProgrammePublished',
  PublishProgramme['data'] & { direction: Direction; publishedAt: string }
>;
export type AllocationAmended = DomainEvent<
  'AllocationAmended',
  {
    programmeId: string;
    previousAllocationTiyn: number;
    newAllocationTiyn: number;
    reason: string;
  }
>;
export type ExpenditureRecorded = DomainEvent<
  'ExpenditureRecorded',
  {
    programmeId: string;
    expenditureId: string;
    amountTiyn: number;
    date: string;
    description: string;
    contractId: string | null;
    /** The road case whose accepted repair this pays, when it came from road-cases. */
    caseId: string | null;
  }
>;
export type RevenueReceived = DomainEvent<
  'RevenueReceived',
  {
    programmeId: string;
    fineId: string;
    amountTiyn: number;
    district: string;
    receivedAt: string;
  }
>;
export type ProgrammeFlagged = DomainEvent<
  'ProgrammeFlagged',
  {
    programmeId: string;
    reportId: string;
    doubt: string;
    amountInQuestionTiyn: number | null;
  }
>;
export type ProgrammeFlagResolved = DomainEvent<
  'ProgrammeFlagResolved',
  {
    programmeId: string;
    reportId: string;
    outcome: FlagOutcome;
    note: string;
  }
>;

export type ProgrammeEvent =
  | ProgrammePublished
  | AllocationAmended
  | ExpenditureRecorded
  | RevenueReceived
  | ProgrammeFlagged
  | ProgrammeFlagResolved;
