import type { Command } from '@app/domain-kernel';
import type { FlagOutcome, ProgrammePurpose } from './budget.types';

export type PublishProgramme = Command<
  'PublishProgramme',
  {
    programmeId: string;
    institutionBin: string;
    /** The institution's district, copied so the map and the fines intake need no join. */
    district: string;
    fiscalYear: number;
    code: string;
    name: string;
    purpose: ProgrammePurpose;
    allocationTiyn: number;
  }
>;
export type AmendAllocation = Command<'AmendAllocation', { newAllocationTiyn: number; reason: string }>;
export type RecordExpenditure = Command<
  'RecordExpenditure',
  {
    expenditureId: string;
    amountTiyn: number;
    date: string;
    description: string;
    contractId: string | null;
    /** The road case whose accepted repair this pays, when it came from road-cases. */
    caseId: string | null;
  }
>;
export type ReceiveRevenue = Command<'ReceiveRevenue', { fineId: string; amountTiyn: number; receivedAt: string }>;
export type FlagProgramme = Command<
  'FlagProgramme',
  { reportId: string; doubt: string; amountInQuestionTiyn: number | null }
>;
export type ResolveFlag = Command<'ResolveFlag', { reportId: string; outcome: FlagOutcome; note: string }>;

export type ProgrammeCommand =
  PublishProgramme | AmendAllocation | RecordExpenditure | ReceiveRevenue | FlagProgramme | ResolveFlag;
