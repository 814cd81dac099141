import type { Command } from '@app/domain-kernel';
import type { DefectType } from '@app/contracts';
import type { GeoPoint } from './report.types';
import type { OffenderCategory } from './raid.types';

export type PlanRaid = Command<'PlanRaid', { raidId: string; title: string; district: string; plannedFor: string }>;
export type ConductRaid = Command<'ConductRaid', { participants: string[] }>;
export type RecordDefect = Command<
  'RecordDefect',
  {
    defectId: string;
    location: GeoPoint;
    district: string;
    address: string;
    defectType: DefectType;
    description: string;
  }
>;
/** The offender's IIN arrives already hashed: the clear IIN never enters the event log. */
export type RecordOffence = Command<
  'RecordOffence',
  {
    offenceId: string;
    offenceType: string;
    offenderCategory: OffenderCategory;
    offenderName: string;
    offenderIinSha256: string | null;
    offenderBin: string | null;
    vehiclePlate: string | null;
    place: string;
    committedAt: string;
    evidence: string[];
  }
>;
export type CloseRaid = Command<'CloseRaid', { summary: string }>;

export type RaidCommand = PlanRaid | ConductRaid | RecordDefect | RecordOffence | CloseRaid;
