import {
  DefectFoundV1,
  OffenceRecordedV2,
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
  publishedAsV1,
  type AnyPublishedEvent,
} from '@app/contracts';
import { controlDocumentPublished } from './control-document.published';
import type { ReportSubmitted } from './domain/report.events';

/**
 * Every report and raid event is public, each as its contract (OffenceRecorded as v2, the others v1). The
 * reporter's contact and an offender's name, IIN and plate are never in an event (personal-data records hold them);
 * the reporter's user id and chosen language stay here too (the public learns only whether the report was
 * anonymous; ReportSubmittedV1 is not changed), and a citizen
 * acting is published by pseudonym (PersonalDataKeyring.publicActor).
 */
export const monitoringPublished: AnyPublishedEvent[] = [
  {
    eventType: 'ReportSubmitted',
    contract: ReportSubmittedV1,
    schemaVersion: 1,
    toPublic: ({ reporterId, hasContact: _, language: __, ...rest }: ReportSubmitted['data']) => ({
      ...rest,
      anonymous: reporterId === null,
    }),
  },
  ...publishedAsV1({
    ReviewStarted: ReviewStartedV1,
    ReportAccepted: ReportAcceptedV1,
    ReportForwarded: ReportForwardedV1,
    ReportRejected: ReportRejectedV1,
    ReportMarkedDuplicate: ReportMarkedDuplicateV1,
    ReportCaseLinked: ReportCaseLinkedV1,
    ReportResolved: ReportResolvedV1,
    ReportReopened: ReportReopenedV1,
    RaidPlanned: RaidPlannedV1,
    RaidConducted: RaidConductedV1,
    DefectFound: DefectFoundV1,
  }),
  { eventType: 'OffenceRecorded', contract: OffenceRecordedV2, schemaVersion: 2 },
  ...publishedAsV1({ RaidClosed: RaidClosedV1 }),
  ...controlDocumentPublished,
];
