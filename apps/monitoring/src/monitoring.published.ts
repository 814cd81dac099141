import {
  DefectFoundV1,
  OffenceRecordedV1,
  RaidClosedV1,
  RaidConductedV1,
  RaidPlannedV1,
  ReportAcceptedV1,
  ReportCaseLinkedV1,
  ReportForwardedV1,
  ReportMarkedDuplicateV1,
  ReportRejectedV1,
  ReportReopenedV1,
  ReportResolvedV1,
  ReportSubmittedV1,
  ReviewStartedV1,
  type AnyPublishedEvent,
} from '@app/contracts';
import type { ReportSubmitted } from './domain/report.events';

/**
 * Every report and raid event is public, each as v1 of its contract. The reporter's contact never is in an event;
 * the reporter's user id stays here too (the public learns only whether the report was anonymous).
 */
export const monitoringPublished: AnyPublishedEvent[] = [
  {
    eventType: 'ReportSubmitted',
    contract: ReportSubmittedV1,
    schemaVersion: 1,
    toPublic: ({ reporterId, hasContact: _, ...rest }: ReportSubmitted['data']) => ({
      ...rest,
      anonymous: reporterId === null,
    }),
  },
  { eventType: 'ReviewStarted', contract: ReviewStartedV1, schemaVersion: 1 },
  { eventType: 'ReportAccepted', contract: ReportAcceptedV1, schemaVersion: 1 },
  { eventType: 'ReportForwarded', contract: ReportForwardedV1, schemaVersion: 1 },
  { eventType: 'ReportRejected', contract: ReportRejectedV1, schemaVersion: 1 },
  { eventType: 'ReportMarkedDuplicate', contract: ReportMarkedDuplicateV1, schemaVersion: 1 },
  { eventType: 'ReportCaseLinked', contract: ReportCaseLinkedV1, schemaVersion: 1 },
  { eventType: 'ReportResolved', contract: ReportResolvedV1, schemaVersion: 1 },
  { eventType: 'ReportReopened', contract: ReportReopenedV1, schemaVersion: 1 },
  { eventType: 'RaidPlanned', contract: RaidPlannedV1, schemaVersion: 1 },
  { eventType: 'RaidConducted', contract: RaidConductedV1, schemaVersion: 1 },
  { eventType: 'DefectFound', contract: DefectFoundV1, schemaVersion: 1 },
  { eventType: 'OffenceRecorded', contract: OffenceRecordedV1, schemaVersion: 1 },
  { eventType: 'RaidClosed', contract: RaidClosedV1, schemaVersion: 1 },
];
