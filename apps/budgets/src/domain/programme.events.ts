import type { DomainEvent } from '@app/domain-kernel';
import type { Direction } from './budget.types';
import type {
  FlagProgramme,
  PublishProgramme,
  ReceiveRevenue,
  RecordExpenditure,
  ResolveFlag,
} from './programme.commands';

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
// The command's data under the programme's id (and, for revenue, its district), as the decider records it.
export type ExpenditureRecorded = DomainEvent<
  'ExpenditureRecorded',
  { programmeId: string } & RecordExpenditure['data']
>;
export type RevenueReceived = DomainEvent<
  'RevenueReceived',
  { programmeId: string; district: string } & ReceiveRevenue['data']
>;
export type ProgrammeFlagged = DomainEvent<'ProgrammeFlagged', { programmeId: string } & FlagProgramme['data']>;
export type ProgrammeFlagResolved = DomainEvent<'ProgrammeFlagResolved', { programmeId: string } & ResolveFlag['data']>;

export type ProgrammeEvent =
  | ProgrammePublished
  | AllocationAmended
  | ExpenditureRecorded
  | RevenueReceived
  | ProgrammeFlagged
  | ProgrammeFlagResolved;
