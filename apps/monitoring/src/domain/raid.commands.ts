import type { Command } from '@app/domain-kernel';
import type { DefectType, PhotoEvidence } from '@app/contracts';
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
    /** Photos uploaded with the defect, by the hash of their stored copy; absent when none were. */
    photoEvidence?: PhotoEvidence[];
  }
>;
/**
 * The offender's IIN arrives as its keyed digest only; the name, the clear IIN and the plate are personal data kept
 * beside the log (the personal-data record of this offence's id), so none of them ever enters an event.
 */
export type RecordOffence = Command<
  'RecordOffence',
  {
    offenceId: string;
    offenceType: string;
    offenderCategory: OffenderCategory;
    /** HMAC-SHA256 (hex) of the IIN under the personal-data key offenderIinKeyId names. */
    offenderIinHmacSha256: string | null;
    offenderIinKeyId: string | null;
    offenderBin: string | null;
    place: string;
    committedAt: string;
    evidence: string[];
    /** Photos uploaded with the offence, by the hash of their stored copy; absent when none were. */
    photoEvidence?: PhotoEvidence[];
  }
>;
export type CloseRaid = Command<'CloseRaid', { summary: string }>;

export type RaidCommand = PlanRaid | ConductRaid | RecordDefect | RecordOffence | CloseRaid;
