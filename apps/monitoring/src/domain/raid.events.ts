import type { DomainEvent } from '@app/domain-kernel';
import type { RecordDefect, RecordOffence } from './raid.commands';

export type RaidPlanned = DomainEvent<
  'RaidPlanned',
  { raidId: string; title: string; district: string; plannedFor: string; plannedBy: string }
>;
export type RaidConducted = DomainEvent<'RaidConducted', { participants: string[]; conductedAt: string }>;
/** Each defect becomes (or joins) a road case: the payload is DefectFoundV1 as road-cases consumes it. */
export type DefectFound = DomainEvent<'DefectFound', RecordDefect['data'] & { raidId: string }>;
/** Each offence becomes a fine. */
export type OffenceRecorded = DomainEvent<'OffenceRecorded', RecordOffence['data'] & { raidId: string }>;
export type RaidClosed = DomainEvent<
  'RaidClosed',
  { summary: string; closedAt: string; defectsFound: number; offencesRecorded: number }
>;

export type RaidEvent = RaidPlanned | RaidConducted | DefectFound | OffenceRecorded | RaidClosed;
