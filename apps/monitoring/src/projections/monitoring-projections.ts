import { projectionTablesMigration, type Projection } from '@app/event-store';
import { raidBoardProjection } from '../read-models/raid-board/raid-board.projection';
import { reportBoardProjection } from '../read-models/report-board/report-board.projection';
import { reportCasesProjection } from '../read-models/report-cases/report-cases.projection';
import { reportNoticesProjection } from '../read-models/citizen-notices/report-notices.projection';
import { controlNoticesProjection } from '../read-models/citizen-notices/control-notices.projection';

export const monitoringProjections: Projection[] = [
  reportBoardProjection,
  reportCasesProjection,
  raidBoardProjection,
  reportNoticesProjection,
  controlNoticesProjection,
];

export const MonitoringReadModels1764500000000 = projectionTablesMigration('MonitoringReadModels1764500000000', [
  reportBoardProjection,
  reportCasesProjection,
  raidBoardProjection,
]);

/** The report notices (the notification outbox) came later: their table is created by a migration of its own. */
export const ReportNotices1767600000000 = projectionTablesMigration('ReportNotices1767600000000', [
  reportNoticesProjection,
]);

/** The notices of public control over a report came after the loop itself: a migration of their own. */
export const ControlNotices1767800000000 = projectionTablesMigration('ControlNotices1767800000000', [
  controlNoticesProjection,
]);
