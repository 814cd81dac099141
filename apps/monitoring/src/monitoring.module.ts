import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { PhotoEvidenceModule } from '@app/photo-evidence';
import { loadRateLimitConfig } from './application/monitoring.config';
import { monitoringUpcasters } from './monitoring.upcasters';
import { BudgetsIntake } from './application/budgets-intake';
import { MarkReportDuplicate } from './application/mark-duplicate';
import { RecordRaidOffence } from './application/record-offence';
import { ReadRaid } from './application/read-raid';
import { ReadReport } from './application/read-report';
import { RecordRaidDefect } from './application/record-defect';
import { ReportResolution } from './application/report-resolution';
import { SubmitReportWithContact } from './application/submit-report';
import { RoadCasesIntake } from './application/road-cases-intake';
import { RATE_LIMIT_CONFIG, ReportRateLimit } from './http/report-rate-limit';
import { ClubController } from './http/club.controller';
import { Open311Clients } from './http/open311/open311-clients';
import { Open311Controller } from './http/open311/open311.controller';
import { loadOpen311Config, OPEN311_CONFIG } from './http/open311/open311.config';
import { RaidsController } from './http/raids.controller';
import { ReportsController } from './http/reports.controller';
import { BudgetsEventsConsumer } from './messaging/budgets-events.consumer';
import { RoadCasesEventsConsumer } from './messaging/road-cases-events.consumer';
import { RoadCaseStepsConsumer } from './messaging/road-case-steps.consumer';
import { monitoringPublished } from './monitoring.published';
import { monitoringProjections } from './projections/monitoring-projections';
import { RaidQueries } from './read-models/raid-board/raid-board.queries';
import { ReportQueries } from './read-models/report-board/report-board.queries';
import { ControlOverdueSweep } from './application/control-overdue-sweep';
import { loadPublicControlConfig, PUBLIC_CONTROL_CONFIG } from './application/public-control.config';
import { IssueControlDocument } from './application/issue-final-document';
import { ControlDocumentsController } from './http/control-documents.controller';
import { PublicControlOpsController } from './http/public-control-ops.controller';
import { controlDocumentsProjection } from './read-models/control-documents/control-documents.projection';
import { ControlDocumentQueries } from './read-models/control-documents/control-documents.queries';
import { ControlScoreboardQueries } from './read-models/control-documents/control-scoreboard.queries';
import { NotificationDeliveryQueries } from './read-models/citizen-notices/notification-deliveries.queries';
import { ReportNoticeQueries } from './read-models/citizen-notices/report-notices.queries';
import { FeedsController } from './http/feeds.controller';
import { NotificationsOpsController } from './http/notifications-ops.controller';
import { EmailChannel } from './notifications/email-channel';
import { NotificationDispatcher } from './notifications/notification-dispatcher';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG } from './notifications/notifications.config';
import { WebhookChannel } from './notifications/webhook-channel';

/** Citizens' monitoring reports, the club's review and raids. */
@Module({
  imports: [
    EventStoreModule.forService({
      projections: [...monitoringProjections, controlDocumentsProjection],
      upcasters: monitoringUpcasters,
    }),
    MessagingModule.forService({ published: monitoringPublished }),
    PhotoEvidenceModule,
  ],
  controllers: [
    ReportsController,
    ClubController,
    RaidsController,
    Open311Controller,
    FeedsController,
    NotificationsOpsController,
    RoadCasesEventsConsumer,
    RoadCaseStepsConsumer,
    BudgetsEventsConsumer,
    ControlDocumentsController,
    PublicControlOpsController,
  ],
  providers: [
    SubmitReportWithContact,
    MarkReportDuplicate,
    ReadReport,
    RecordRaidOffence,
    RecordRaidDefect,
    ReadRaid,
    ReportQueries,
    RaidQueries,
    ReportResolution,
    RoadCasesIntake,
    BudgetsIntake,
    ReportRateLimit,
    { provide: RATE_LIMIT_CONFIG, useFactory: () => loadRateLimitConfig(process.env) },
    Open311Clients,
    { provide: OPEN311_CONFIG, useFactory: () => loadOpen311Config(process.env) },
    IssueControlDocument,
    ControlDocumentQueries,
    ControlScoreboardQueries,
    ControlOverdueSweep,
    { provide: PUBLIC_CONTROL_CONFIG, useFactory: () => loadPublicControlConfig(process.env) },
    ReportNoticeQueries,
    NotificationDeliveryQueries,
    EmailChannel,
    WebhookChannel,
    NotificationDispatcher,
    { provide: NOTIFICATIONS_CONFIG, useFactory: () => loadNotificationsConfig(process.env) },
  ],
})
export class MonitoringModule {}
